"""Teachers' note templates by topic and language: Uzbek Latin ("uz"), Russian ("ru") and the mixed
Uzbek-Russian that real teachers write. Uzbek Cyrillic notes are the Uzbek templates transliterated.

Placeholders: {name} (given name) with Uzbek cases {name_gen} {name_dat} {name_acc} {name_abl} {name_loc};
Russian cases {ru_name} {ru_gen} {ru_dat} {ru_acc} {ru_ins}; {full} {ru_full} {guardian} {ru_guardian}
{parent} {ru_parent} {phone} {pinfl} {address} {ru_address} {mahalla} {subject} {ru_subject} {days}
{mark} {birth}.
The personal data in them is deliberate: notes are where it leaks into free text.
"""

from __future__ import annotations

from typing import Final

TOPICS: Final = ("absence", "homework", "family", "illness", "praise", "general", "unprofessional")

UZ: Final[dict[str, tuple[str, ...]]] = {
    "absence": (
        "{name} {days} kundan beri darsga kelmayapti. Ota-onasi ({guardian}) bilan bog'landim, tel: {phone}.",
        "{name_gen} davomati yomon, bu chorakda {days} kun sababsiz qoldirdi. Ota-onasiga xabar berildi.",
        "{full} bugun ham maktabga kelmadi. Uyiga bordim: {address}. Hech kim eshikni ochmadi.",
        "{name_dat} qo'ng'iroq qildim ({phone}), javob bermadi. Darsga kelmaslik sababi noma'lum.",
        "{mahalla} mahallasi raisiga {name_gen} davomati haqida ma'lumot berildi.",
        "{name} ertalabki darslarga kechikib kelyapti, {guardian} ogohlantirildi.",
    ),
    "homework": (
        "{name} {subject} fanidan uy vazifalarini topshirmayapti, LMSga ham kirmayapti.",
        "{name_gen} o'qishga qiziqishi pasaydi, darsda e'tiborsiz. Ota-onasi bilan suhbat kerak.",
        "{name_dat} {subject} bo'yicha qo'shimcha dars tavsiya qilindi. Oxirgi nazorat ishidan {mark} oldi.",
        "{name_acc} darsda chalg'ib o'tirganini ko'p kuzatyapman, telefon o'ynaydi.",
        "{subject} o'qituvchisi {name_abl} shikoyat qildi: vazifalar kechikib topshirilyapti.",
        "{name_loc} g'ayrat yo'q, daftarlari to'liq emas. {guardian} bilan gaplashaman ({phone}).",
    ),
    "family": (
        "{name_gen} oilaviy sharoiti og'ir: ota-onasidan biri chet elda, bola bilan {guardian} yolg'iz. "
        "Tel. {phone}",
        "{full} (JShShIR {pinfl}) oilasida muammo bor, psixologga yo'naltirildi.",
        "Ota-onasi ajrashgan, {name} buvisinikida yashayapti: {address}. Psixolog bilan suhbat o'tkazildi.",
        "{name_gen} onasi kasalxonada, {name} ukalariga qarayapti. Sinf rahbari sifatida uyiga bordim.",
        '{guardian} bilan gaplashdim: "hozir ishdaman, keyin kelaman" dedi. Oilada moddiy qiyinchilik bor.',
        "{name} oilaviy sabablarga ko'ra {days} kun qatnashmadi.\n"
        "Mahalla ({mahalla}) bilan birga uyiga bordik.",
    ),
    "illness": (
        "{name} kasal, shifokor ma'lumotnomasi bor. {days} kun darsga kelmaydi.",
        "{name_gen} {parent} {guardian} qo'ng'iroq qildi ({phone}): bola kasalxonada yotibdi.",
        "{name} operatsiyadan keyin uyda davolanmoqda, uy vazifalarini telegram orqali yuboryapmiz.",
        "{full} shamollagan, ma'lumotnoma keltirildi. JShShIR: {pinfl}.",
    ),
    "praise": (
        "{name} {subject} olimpiadasida tuman bosqichida 2-o'rinni oldi. Barakalla!",
        "{name_gen} o'qishi yaxshilandi, g'ayrat bilan ishlayapti. Ota-onasiga minnatdorchilik bildirildi.",
        "{name} bilan faxrlanamiz: chorakni a'lo baholarga tugatdi.",
        "{name_dat} mentor biriktirildi, natijalari o'smoqda.",
    ),
    "general": (
        "{full}, tug'ilgan sana {birth}, manzil: {address}. Ma'lumotlar yangilandi.",
        "{name_gen} {parent} {guardian} bilan uchrashuv bo'ldi, telefon raqami o'zgargan: {phone}.",
        "{name} sinf yig'ilishida faol qatnashdi, tartib-intizomi yaxshi.",
        "{name_dat} {subject} fanidan qo'shimcha mashg'ulot kerak, ota-onasi rozi.",
    ),
    "unprofessional": (
        "{name} juda dangasa, hech narsa qilmaydi.",
        "{name} tentak, darsni buzadi, boshqa sinfga o'tkazish kerak.",
        "{name_gen} aqli past, baribir o'qimaydi.",
    ),
}

RU: Final[dict[str, tuple[str, ...]]] = {
    "absence": (
        "{ru_name} не посещает занятия уже {days} дн. Связалась с родителем ({ru_guardian}), тел. {phone}.",
        "У {ru_gen} много пропусков без уважительной причины. Родители предупреждены.",
        "{ru_full} опять не пришёл в школу. Адрес: {ru_address}, дверь никто не открыл.",
        "Звонила родителю ({ru_guardian}) по номеру {phone}, трубку не берут.",
    ),
    "homework": (
        "{ru_name} не сдаёт домашние задания по предмету «{ru_subject}», в LMS не заходит.",
        "У {ru_gen} снизился интерес к учёбе, на уроках отвлекается.",
        "{ru_dat} рекомендованы доп. занятия по предмету «{ru_subject}», за контрольную оценка {mark}.",
        "Учитель ({ru_subject}) жалуется на {ru_acc}: задания сдаются с опозданием.",
    ),
    "family": (
        "Сложная ситуация в семье {ru_gen}: один из родителей на заработках, "
        "ребёнком занимается {ru_guardian}. Тел.: {phone}",
        "{ru_full}, ПИНФЛ {pinfl}, направлен(а) к психологу по семейным обстоятельствам.",
        "Родители в разводе, {ru_name} живёт у бабушки: {ru_address}.",
        'Беседа с родителем ({ru_guardian}): "работаю допоздна, не успеваю". В семье трудности.',
    ),
    "illness": (
        "{ru_name} болеет, есть справка от врача. Не будет {days} дн.",
        "{ru_parent} {ru_gen} ({ru_guardian}) сообщил(а) по телефону {phone}, что ребёнок в больнице.",
        "{ru_name} после операции, занимается дома, задания отправляем в Telegram.",
    ),
    "praise": (
        "{ru_name} занял(а) 2 место на районной олимпиаде по предмету «{ru_subject}». Молодец!",
        "У {ru_gen} заметный прогресс, старается на уроках.",
        "{ru_dat} назначен наставник, результаты улучшаются.",
    ),
    "general": (
        "{ru_full}, дата рождения {birth}, адрес {ru_address}. Данные обновлены.",
        "Встреча с родителем ({ru_guardian}), новый номер телефона: {phone}.",
        "Поговорила с {ru_ins} о поведении на переменах.",
    ),
    "unprofessional": (
        "{ru_name} ленивый ребёнок, ничего не хочет делать.",
        "{ru_name} тупой, мешает всему классу.",
    ),
}

MIXED: Final[dict[str, tuple[str, ...]]] = {
    "absence": (
        "{name} bugun ham kelmadi, мама сказала что болеет. Tel: {phone}",
        "Roditelskoe sobranie: {guardian} keldi, {name_gen} davomati обсудили. Номер: {phone}",
        "{name_gen} adresi: {address}, mahalla: {mahalla}. Ходили домой с психологом.",
    ),
    "homework": (
        "{name_gen} uy vazifasi yo'q, опять не сдал задание по предмету «{ru_subject}».",
        "{name} LMSga kirmayapti, zadaniya ne sdaet, ota-onasiga aytildi: {phone}",
        "{name} {subject}dan {mark} oldi, nado dopolnitelnye zanyatiya.",
    ),
    "family": ("{full} — семейные проблемы, oilaviy sharoiti og'ir, psixologga yo'naltirildi.",),
    "illness": (
        "{name_dat} справка kerak, {days} kun kasal bo'lgan.",
        "PINFL {pinfl} — {full}, spravka keltirdi, {days} kun kasal.",
    ),
    "praise": ("{name} очень старается, ancha yaxshilandi. Molodets!",),
    "general": ("{full}: новый адрес {address}, tel {phone}.",),
    "unprofessional": ("{name} dangasa, ленивый, ничего не делает.",),
}

RU_SUBJECTS: Final = {
    "Ona tili": "родной язык",
    "Adabiyot": "литература",
    "Matematika": "математика",
    "Ingliz tili": "английский язык",
    "Rus tili": "русский язык",
    "Tarbiya": "воспитание",
    "Jismoniy tarbiya": "физкультура",
    "O'zbek tili": "узбекский язык",
    "Tarix": "история",
    "Biologiya": "биология",
    "Informatika": "информатика",
    "Geografiya": "география",
    "Fizika": "физика",
    "Algebra": "алгебра",
    "Geometriya": "геометрия",
    "Kimyo": "химия",
}
