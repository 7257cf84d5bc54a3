"""Hand-written word lists the corpus fills its slots from: names, streets, places, subjects, months.

Every name is written three ways, because a teacher writes the same person differently depending on the
note's script: Uzbek Latin (`Toshpo'latov`), Uzbek Cyrillic (`Тошпўлатов`) and the Russian spelling used in
Russian-language notes and documents (`Ташпулатов`). A tuple is `(latin, uzbek_cyrillic, russian)`.

Names that are also famous historical or literary figures (Temur, Bobur, Otabek, Farhod, Shirin) are left
out of the given names on purpose, so that a literature or history note can mention them without the
corpus having to decide whether they are a pupil.
"""

from __future__ import annotations

from typing import Final

Word = tuple[str, str, str]

MALE_NAMES: Final[tuple[Word, ...]] = (
    ("Alisher", "Алишер", "Алишер"),
    ("Akmal", "Акмал", "Акмал"),
    ("Bahodir", "Баҳодир", "Бахадыр"),
    ("Rustam", "Рустам", "Рустам"),
    ("Ulug'bek", "Улуғбек", "Улугбек"),
    ("O'tkir", "Ўткир", "Уткир"),
    ("Jasur", "Жасур", "Жасур"),
    ("Sardor", "Сардор", "Сардор"),
    ("Doniyor", "Дониёр", "Даниёр"),
    ("Javohir", "Жавоҳир", "Жавохир"),
    ("Sherzod", "Шерзод", "Шерзод"),
    ("Farrux", "Фаррух", "Фаррух"),
    ("Abdulla", "Абдулла", "Абдулла"),
    ("Sanjar", "Санжар", "Санжар"),
    ("Behruz", "Беҳруз", "Бехруз"),
    ("Jahongir", "Жаҳонгир", "Джахонгир"),
    ("Islom", "Ислом", "Ислам"),
    ("Ibrohim", "Иброҳим", "Ибрагим"),
    ("Azizbek", "Азизбек", "Азизбек"),
    ("Shohruh", "Шоҳруҳ", "Шахрух"),
    ("Dilshod", "Дилшод", "Дильшод"),
    ("Nodir", "Нодир", "Надир"),
    ("Ravshan", "Равшан", "Равшан"),
    ("Anvar", "Анвар", "Анвар"),
    ("Shuhrat", "Шуҳрат", "Шухрат"),
    ("Ilhom", "Илҳом", "Ильхом"),
    ("Baxtiyor", "Бахтиёр", "Бахтиёр"),
    ("Zafar", "Зафар", "Зафар"),
    ("Oybek", "Ойбек", "Ойбек"),
    ("Xurshid", "Хуршид", "Хуршид"),
    ("Murod", "Мурод", "Мурад"),
    ("G'ayrat", "Ғайрат", "Гайрат"),
    ("Erkin", "Эркин", "Эркин"),
    ("Umid", "Умид", "Умид"),
    ("Mirjalol", "Миржалол", "Миржалол"),
    ("Husan", "Ҳусан", "Хусан"),
    ("Shavkat", "Шавкат", "Шавкат"),
    ("Qodir", "Қодир", "Кадыр"),
    ("To'lqin", "Тўлқин", "Тулкин"),
    ("Yo'ldosh", "Йўлдош", "Юлдаш"),
    ("Ne'mat", "Неъмат", "Немат"),
    ("Ma'ruf", "Маъруф", "Маруф"),
    ("Abbos", "Аббос", "Аббас"),
    ("Sirojiddin", "Сирожиддин", "Сираджиддин"),
    ("Muhammadali", "Муҳаммадали", "Мухаммадали"),
    ("Elyor", "Элёр", "Элёр"),
    ("Asilbek", "Асилбек", "Асилбек"),
    ("Ozodbek", "Озодбек", "Азадбек"),
    ("Mansur", "Мансур", "Мансур"),
    ("Komil", "Комил", "Камил"),
    ("Lochin", "Лочин", "Лочин"),
    ("Hamid", "Ҳамид", "Хамид"),
)

FEMALE_NAMES: Final[tuple[Word, ...]] = (
    ("Dilnoza", "Дилноза", "Дильноза"),
    ("Malika", "Малика", "Малика"),
    ("Madina", "Мадина", "Мадина"),
    ("Shahnoza", "Шаҳноза", "Шахноза"),
    ("Gulnora", "Гулнора", "Гульнора"),
    ("Nilufar", "Нилуфар", "Нилуфар"),
    ("Zarina", "Зарина", "Зарина"),
    ("Sevara", "Севара", "Севара"),
    ("Mohira", "Моҳира", "Мохира"),
    ("Munisa", "Муниса", "Муниса"),
    ("Nodira", "Нодира", "Нодира"),
    ("Dildora", "Дилдора", "Дильдора"),
    ("Feruza", "Феруза", "Феруза"),
    ("Gulchehra", "Гулчеҳра", "Гульчехра"),
    ("Oysha", "Ойша", "Ойша"),
    ("Kamola", "Камола", "Камола"),
    ("Nigora", "Нигора", "Нигора"),
    ("Barno", "Барно", "Барно"),
    ("Yulduz", "Юлдуз", "Юлдуз"),
    ("O'g'iloy", "Ўғилой", "Угилой"),
    ("Charos", "Чарос", "Чарос"),
    ("Ra'no", "Раъно", "Раъно"),
    ("Mavluda", "Мавлуда", "Мавлюда"),
    ("Zulfiya", "Зулфия", "Зульфия"),
    ("Laylo", "Лайло", "Лайло"),
    ("Hulkar", "Ҳулкар", "Хулкар"),
    ("Maftuna", "Мафтуна", "Мафтуна"),
    ("Durdona", "Дурдона", "Дурдона"),
    ("Iroda", "Ирода", "Ирода"),
    ("Saida", "Саида", "Саида"),
    ("Umida", "Умида", "Умида"),
    ("Xurshida", "Хуршида", "Хуршида"),
    ("Dilfuza", "Дилфуза", "Дильфуза"),
    ("Shoira", "Шоира", "Шоира"),
    ("Ma'mura", "Маъмура", "Мамура"),
    ("Robiya", "Робия", "Робия"),
    ("Mohinur", "Моҳинур", "Мохинур"),
    ("Gavhar", "Гавҳар", "Гавхар"),
    ("Sayyora", "Сайёра", "Сайёра"),
    ("Farangiz", "Фарангиз", "Фарангиз"),
    ("Dilorom", "Дилором", "Дилором"),
    ("Muqaddas", "Муқаддас", "Мукаддас"),
    ("Sitora", "Ситора", "Ситора"),
    ("Ziyoda", "Зиёда", "Зиёда"),
)

# Male forms; the female form adds -a / -а (Karimova, Тўхтаева, Ташпулатова).
SURNAMES: Final[tuple[Word, ...]] = (
    ("Karimov", "Каримов", "Каримов"),
    ("Yusupov", "Юсупов", "Юсупов"),
    ("Rustamov", "Рустамов", "Рустамов"),
    ("Aliyev", "Алиев", "Алиев"),
    ("G'ofurov", "Ғофуров", "Гафуров"),
    ("To'xtayev", "Тўхтаев", "Тухтаев"),
    ("Toshpo'latov", "Тошпўлатов", "Ташпулатов"),
    ("Xolmatov", "Холматов", "Холматов"),
    ("Abdullayev", "Абдуллаев", "Абдуллаев"),
    ("Ergashev", "Эргашев", "Эргашев"),
    ("Qodirov", "Қодиров", "Кадыров"),
    ("Sobirov", "Собиров", "Сабиров"),
    ("Nazarov", "Назаров", "Назаров"),
    ("Usmonov", "Усмонов", "Усманов"),
    ("Mirzayev", "Мирзаев", "Мирзаев"),
    ("Tursunov", "Турсунов", "Турсунов"),
    ("Ismoilov", "Исмоилов", "Исмаилов"),
    ("Hasanov", "Ҳасанов", "Хасанов"),
    ("Jo'rayev", "Жўраев", "Джураев"),
    ("Rahimov", "Раҳимов", "Рахимов"),
    ("Saidov", "Саидов", "Саидов"),
    ("Xudoyberdiyev", "Худойбердиев", "Худайбердиев"),
    ("Normatov", "Норматов", "Норматов"),
    ("O'rinboyev", "Ўринбоев", "Уринбаев"),
    ("Sultonov", "Султонов", "Султанов"),
    ("Qosimov", "Қосимов", "Касымов"),
    ("Fayzullayev", "Файзуллаев", "Файзуллаев"),
    ("Bozorov", "Бозоров", "Базаров"),
    ("Ahmedov", "Аҳмедов", "Ахмедов"),
    ("Shukurov", "Шукуров", "Шукуров"),
    ("Yo'ldoshev", "Йўлдошев", "Юлдашев"),
    ("Ne'matov", "Неъматов", "Нематов"),
    ("Ma'rufov", "Маъруфов", "Маъруфов"),
    ("Umarov", "Умаров", "Умаров"),
    ("Zokirov", "Зокиров", "Закиров"),
    ("Po'latov", "Пўлатов", "Пулатов"),
    ("Murodov", "Муродов", "Мурадов"),
    ("Islomov", "Исломов", "Исламов"),
    ("Haydarov", "Ҳайдаров", "Хайдаров"),
    ("Eshmatov", "Эшматов", "Эшматов"),
    ("Valiyev", "Валиев", "Валиев"),
    ("Salimov", "Салимов", "Салимов"),
    ("Rahmatullayev", "Раҳматуллаев", "Рахматуллаев"),
    ("Boboyev", "Бобоев", "Бабаев"),
    ("Ortiqov", "Ортиқов", "Артыков"),
    ("Mahmudov", "Маҳмудов", "Махмудов"),
    ("Tojiyev", "Тожиев", "Таджиев"),
    ("Qurbonov", "Қурбонов", "Курбанов"),
    ("Sharipov", "Шарипов", "Шарипов"),
    ("Davletov", "Давлетов", "Давлетов"),
)

# Street names as they stand before "ko'chasi" / "кўчаси" and after "ул." (Russian puts people in the
# genitive: улица Амира Темура). Several are named after people: inside an address they are ADDRESS only.
STREETS: Final[tuple[Word, ...]] = (
    ("Amir Temur", "Амир Темур", "Амира Темура"),
    ("Alisher Navoiy", "Алишер Навоий", "Алишера Навои"),
    ("Navoiy", "Навоий", "Навои"),
    ("Mustaqillik", "Мустақиллик", "Мустакиллик"),
    ("Bobur", "Бобур", "Бабура"),
    ("Shota Rustaveli", "Шота Руставели", "Шота Руставели"),
    ("Bog'ishamol", "Боғишамол", "Богишамол"),
    ("Farobiy", "Фаробий", "Фараби"),
    ("Mirzo Ulug'bek", "Мирзо Улуғбек", "Мирзо Улугбека"),
    ("Beruniy", "Беруний", "Беруни"),
    ("Cho'ponota", "Чўпонота", "Чупаната"),
    ("Yangi hayot", "Янги ҳаёт", "Янги Хаёт"),
    ("Do'stlik", "Дўстлик", "Дустлик"),
    ("Istiqlol", "Истиқлол", "Истиклол"),
    ("Bunyodkor", "Бунёдкор", "Бунёдкор"),
    ("Qatortol", "Қатортол", "Катартал"),
    ("Gulbahor", "Гулбаҳор", "Гульбахор"),
    ("Bahor", "Баҳор", "Бахор"),
    ("Nurafshon", "Нурафшон", "Нурафшан"),
    ("Sayilgoh", "Сайилгоҳ", "Сайилгох"),
    ("Abdulla Qodiriy", "Абдулла Қодирий", "Абдуллы Кадыри"),
    ("Zarqaynar", "Зарқайнар", "Заркайнар"),
    ("Oltintepa", "Олтинтепа", "Алтынтепа"),
    ("Bog'bon", "Боғбон", "Богбон"),
    ("Ipak yo'li", "Ипак йўли", "Ипак Йули"),
    ("Sharof Rashidov", "Шароф Рашидов", "Шарафа Рашидова"),
)

MAHALLAS: Final[tuple[Word, ...]] = (
    ("Bog'ishamol", "Боғишамол", "Богишамол"),
    ("Navbahor", "Навбаҳор", "Навбахор"),
    ("Oqtepa", "Оқтепа", "Актепа"),
    ("Ko'kcha", "Кўкча", "Кукча"),
    ("Qorasaroy", "Қорасарой", "Карасарай"),
    ("Tinchlik", "Тинчлик", "Тинчлик"),
    ("Obod", "Обод", "Обод"),
    ("Guliston", "Гулистон", "Гулистан"),
    ("Beshyog'och", "Бешёғоч", "Бешагач"),
    ("Chorsu", "Чорсу", "Чорсу"),
    ("Mehnatobod", "Меҳнатобод", "Мехнатабад"),
    ("Ziyolilar", "Зиёлилар", "Зиёлилар"),
)

# Tashkent districts built as numbered blocks (kvartal / mavze / массив).
BLOCK_DISTRICTS: Final[tuple[Word, ...]] = (
    ("Chilonzor", "Чилонзор", "Чиланзар"),
    ("Yunusobod", "Юнусобод", "Юнусабад"),
    ("Sergeli", "Сергели", "Сергели"),
    ("Qoraqamish", "Қорақамиш", "Каракамыш"),
    ("Olmazor", "Олмазор", "Алмазар"),
    ("Mirobod", "Миробод", "Мирабад"),
)

# District names alone: hard negatives ("Chilonzor tumani" is not an address).
DISTRICTS: Final[tuple[Word, ...]] = (
    ("Chilonzor", "Чилонзор", "Чиланзар"),
    ("Yunusobod", "Юнусобод", "Юнусабад"),
    ("Yakkasaroy", "Яккасарой", "Яккасарай"),
    ("Uchtepa", "Учтепа", "Учтепа"),
    ("Bektemir", "Бектемир", "Бектемир"),
    ("Yashnobod", "Яшнобод", "Яшнабад"),
    ("Marhamat", "Марҳамат", "Мархамат"),
    ("Quva", "Қува", "Кува"),
    ("Urgut", "Ургут", "Ургут"),
    ("Kattaqo'rg'on", "Каттақўрғон", "Каттакурган"),
)

CITIES: Final[tuple[Word, ...]] = (
    ("Toshkent", "Тошкент", "Ташкент"),
    ("Samarqand", "Самарқанд", "Самарканд"),
    ("Buxoro", "Бухоро", "Бухара"),
    ("Namangan", "Наманган", "Наманган"),
    ("Andijon", "Андижон", "Андижан"),
    ("Farg'ona", "Фарғона", "Фергана"),
    ("Qarshi", "Қарши", "Карши"),
    ("Nukus", "Нукус", "Нукус"),
    ("Urganch", "Урганч", "Ургенч"),
    ("Jizzax", "Жиззах", "Джизак"),
    ("Termiz", "Термиз", "Термез"),
    ("Guliston", "Гулистон", "Гулистан"),
    ("Chirchiq", "Чирчиқ", "Чирчик"),
    ("Qo'qon", "Қўқон", "Коканд"),
    ("Marg'ilon", "Марғилон", "Маргилан"),
    ("Navoiy", "Навоий", "Навои"),
)

# Regions alone are hard negatives; Uzbek scripts only (Russian frames name cities instead).
REGIONS: Final[tuple[tuple[str, str], ...]] = (
    ("Farg'ona viloyati", "Фарғона вилояти"),
    ("Samarqand viloyati", "Самарқанд вилояти"),
    ("Toshkent viloyati", "Тошкент вилояти"),
    ("Namangan viloyati", "Наманган вилояти"),
    ("Andijon viloyati", "Андижон вилояти"),
    ("Buxoro viloyati", "Бухоро вилояти"),
    ("Qashqadaryo viloyati", "Қашқадарё вилояти"),
    ("Xorazm viloyati", "Хоразм вилояти"),
    ("Qoraqalpog'iston Respublikasi", "Қорақалпоғистон Республикаси"),
    ("Toshkent shahri", "Тошкент шаҳри"),
)

# (Uzbek Latin, Uzbek Cyrillic, Russian nominative, Russian dative for "по ...").
SUBJECTS: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("Matematika", "Математика", "математика", "математике"),
    ("Algebra", "Алгебра", "алгебра", "алгебре"),
    ("Geometriya", "Геометрия", "геометрия", "геометрии"),
    ("Fizika", "Физика", "физика", "физике"),
    ("Kimyo", "Кимё", "химия", "химии"),
    ("Biologiya", "Биология", "биология", "биологии"),
    ("Tarix", "Тарих", "история", "истории"),
    ("Ingliz tili", "Инглиз тили", "английский язык", "английскому языку"),
    ("Rus tili", "Рус тили", "русский язык", "русскому языку"),
    ("Ona tili", "Она тили", "узбекский язык", "узбекскому языку"),
    ("Adabiyot", "Адабиёт", "литература", "литературе"),
    ("Geografiya", "География", "география", "географии"),
    ("Informatika", "Информатика", "информатика", "информатике"),
)

MONTHS_LATN: Final = (
    "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr",
    "dekabr",
)  # fmt: skip
MONTHS_CYRL: Final = (
    "январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
)  # fmt: skip
MONTHS_RU_GENITIVE: Final = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
    "ноября", "декабря",
)  # fmt: skip

CLASS_LETTERS: Final[tuple[Word, ...]] = (("A", "А", "А"), ("B", "Б", "Б"), ("V", "В", "В"), ("G", "Г", "Г"))

EMAIL_DOMAINS: Final = (
    ("gmail.com", 35), ("mail.ru", 25), ("inbox.ru", 8), ("yandex.ru", 8), ("umail.uz", 10), ("list.ru", 5),
    ("bk.ru", 4), ("icloud.com", 5),
)  # fmt: skip

PHONE_OPERATORS: Final = ("33", "50", "55", "77", "88", "90", "91", "93", "94", "95", "97", "98", "99")
TASHKENT_LANDLINE: Final = "71"

PASSPORT_SERIES: Final = ("AA", "AB", "AC", "AD", "AD", "AE", "KA")

# Famous historical and literary figures that history and literature notes mention: never labelled.
HISTORICAL_FIGURES: Final = (
    "Alisher Navoiy",
    "Amir Temur",
    "Sohibqiron",
    "Abdulla Qodiriy",
    "Абдулла Қодирий",
    "Алишер Навоий",
    "Отабек",
    "Кумуш",
)
