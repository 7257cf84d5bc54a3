"""Addresses as Uzbek and Russian notes write them: street, mahalla, block, house and flat, in any order.

An address is a run of parts separated by commas or spaces. Parts are a named street or mahalla
("Navoiy ko'chasi", "Bog'ishamol mahallasi", "ул. Навои"), a numbered unit ("12-uy", "34-xonadon",
"9-kvartal", "дом 12", "кв. 5") or an area ("Chilonzor tumani", "г. Ташкент"). A run counts only when it
holds a street or a unit: "Chilonzor tumani" alone names a district, not where someone lives.
"""

from __future__ import annotations

from typing import ClassVar, Final

import regex
from presidio_analyzer import Pattern, PatternRecognizer

_A: Final = "['‘’ʻʼ`]"
# A name's word, with the block number Tashkent's massivs carry ("Sergeli-4", "ТТЗ-2") or in quotes
# («Navro'z» mahallasi, махалля «Гулистан»).
_WORD_LAT: Final = rf"(?:«|\")?[A-Z](?:[a-z\-]|{_A}(?=[a-z]))+(?:-\d{{1,2}})?(?:»|\")?"
_WORD_CYR: Final = r"(?:«|\")?[А-ЯЁЎҚҒҲ](?:[а-яёўқғҳъ\-]+|[А-ЯЁЎҚҒҲ]+)(?:-\d{1,2})?(?:»|\")?"
# A street's name may go on in lower case ("Yangi hayot ko'chasi", "Янги ҳаёт кўчаси").
_LOWER_LAT: Final = rf"[a-z](?:[a-z]|{_A}(?=[a-z]))+"
_LOWER_CYR: Final = r"[а-яёўқғҳ][а-яёўқғҳъ]+"
_CASE: Final = r"(?:da|dan|ga|ning|dagi|dagi)?"
_CASE_CYR: Final = r"(?:да|дан|га|нинг|даги)?"
_NUMBER: Final = r"\d{1,4}(?:[a-zа-я]|/\d{1,3})?"
_SEP: Final = r"(?:\s*,\s*|\s+)"

# Words that start a sentence, not a street's name ("Otasi Navoiy ko'chasida yashaydi").
_NOT_A_NAME: Final = (
    r"(?!(?:Otasi|Onasi|Bugun|Uyi|Ular|Oilasi|Hozir|Ilgari|Endi|Ота|Отаси|Онаси|Бугун|Улар)\s)"
)
_STREET_LAT: Final = (
    rf"{_NOT_A_NAME}(?:{_WORD_LAT}\s+){{0,2}}{_WORD_LAT}(?:\s+{_LOWER_LAT})?\s+(?:(?:tor|berk|shoh)\s+)?"
    rf"(?:ko{_A}chasi|prospekti|xiyoboni|mahallasi|MFY|mavzesi|dahasi|massivi|qishlog{_A}i){_CASE}"
    rf"(?:\s*,?\s*{_NUMBER}(?![\-\w/]))?"
)
_UNIT_LAT: Final = (
    rf"(?:(?:{_WORD_LAT}\s+)?{_NUMBER}\s?-\s?(?:uy(?!\s+vazifa)|xonadon|kvartal|mavze|daha|kvartira|bino|dom){_CASE}(?![a-z])"
    rf"|(?i:uy|xonadon|kvartira|kv\.|dom|d\.)\s*№?\s*{_NUMBER}(?![\d\-]))"
)
_AREA_LAT: Final = (
    rf"(?:(?:{_WORD_LAT}\s+){{1,2}}(?:tumani|shahri|viloyati|shaharchasi){_CASE}"
    rf"|{_WORD_LAT}(?=\s*,?\s*(?:kvartal\s*\d|\d+-?(?:mavze|kvartal))))"
)

_STREET_CYR: Final = (
    rf"(?:{_NOT_A_NAME}(?:{_WORD_CYR}\s+){{0,2}}{_WORD_CYR}(?:\s+{_LOWER_CYR})?\s+(?:(?:тор|берк|шоҳ)\s+)?"
    rf"(?:кўчаси|кучаси|проспекти|хиёбони|маҳалласи|махалласи|МФЙ|мавзеси|даҳаси|массиви|қишлоғи){_CASE_CYR}"
    rf"|(?:ул\.|улица|пр\.|пр-т|проспект|пер\.|переулок|проезд|бульвар|б-р|махалля|массив|мкр\.?|микрорайон)"
    rf"\s*{_WORD_CYR}(?:\s+{_WORD_CYR}){{0,2}})"
    rf"(?:\s*,?\s*{_NUMBER}(?![\-\w/]))?"
)
_UNIT_CYR: Final = (
    rf"(?:(?:{_WORD_CYR}\s+)?{_NUMBER}\s?-\s?(?:уй(?!\s+вазифа)|хонадон|квартал|мавзе|даҳа|квартира|дом){_CASE_CYR}(?![а-я])"
    rf"|(?i:уй|хонадон|д\.|дом|кв\.|кв-л|квартира|корп\.|корпус|квартал|массив|мкр\.?)\s*№?\s*{_NUMBER}(?![\d\-])"
    rf"|{_NUMBER}-?(?:й|ый|ий)\s+(?:квартал|микрорайон|массив))"
)
# A bare district name counts as part of the address when a block or street follows ("Чиланзар, квартал 4").
_AREA_CYR: Final = (
    rf"(?:{_WORD_CYR}\s+(?:тумани|шаҳри|вилояти|район|р-н)|(?:г\.|город)\s*{_WORD_CYR}"
    rf"|{_WORD_CYR}(?=\s*,?\s*(?:квартал|массив|мкр|ул\.|улица|\d+-?(?:мавзе|квартал))))"
)


def _run(street: str, unit: str, area: str) -> str:
    part = f"(?:{street}|{unit})"
    return rf"(?<![\w])(?:{area}{_SEP})*{part}(?:{_SEP}(?:{street}|{unit}|{area}))*"


class AddressRecognizer(PatternRecognizer):
    PATTERNS: ClassVar = [
        Pattern("address_latin", _run(_STREET_LAT, _UNIT_LAT, _AREA_LAT), 0.7),
        Pattern("address_cyrillic", _run(_STREET_CYR, _UNIT_CYR, _AREA_CYR), 0.7),
    ]
    CONTEXT: ClassVar = ["manzil", "yashaydi", "адрес", "проживает", "манзил", "яшайди", "turar joy"]

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            # Capitals tell a street's name from ordinary words, so case matters here.
            global_regex_flags=regex.DOTALL | regex.MULTILINE,
        )
