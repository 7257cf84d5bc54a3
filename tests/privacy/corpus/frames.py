"""Hand-written sentence frames: the notes class teachers write in an e-diary, with slots for personal data.

One frame is one paragraph; its lines are joined with single spaces. Slots:

- `{role.form}` a person's name. Roles: p (the pupil), g (the guardian the roster knows), o (the other
  parent), f / m (father / mother), gf / gm (grandfather / grandmother), un (uncle), p2 and g2 (a
  classmate and their guardian), t (a teacher), t2 (another teacher), psy (the school psychologist), dir
  (the principal), d (a doctor or nurse), x (an outsider: inspector, sponsor, coach, landlord).
  Forms: given, sur, full (Surname Given), gs (Given Surname), fullp (Surname Given Patronymic), gp (Given
  Patronymic), init (A. Karimov), sinit (Karimov A.A.), any (one of these at random).
  `{p.given+ning}` glues an Uzbek case suffix to the name (the span stays on the name);
  `{p.full@gen}` puts a Russian name in a case (gen, dat, acc, ins, pre).
- `{role.pinfl}`, `{role.phone}`, `{role.passport}`, `{role.stir}`, `{role.email}`: that person's data.
- `{addr}` the pupil's home address, `{addr2}` another address, `{schoolmail}` a school's e-mail.
- Unlabelled hard negatives: `{class}`, `{date}`, `{date2}`, `{low}` / `{high}` (a mark), `{subj}`,
  `{subj2}`, `{subj_dat}` (Russian dative), `{school}`, `{school2}`, `{time}`, `{room}`, `{score}`,
  `{pct}`, `{q}` (quarter 1-4), `{qr}` (quarter I-IV), `{n}` (2-4), `{nn}` (10-40), `{record}` (a 12-digit
  diary record number), `{order}`, `{city}`, `{region}`, `{district}`.
- `[role:a|b]` picks a for a male and b for a female person; role `a` is the note's author.
"""

from __future__ import annotations


def _frames(block: str) -> tuple[str, ...]:
    """Paragraphs of `block`, each joined into one line, so frames can be wrapped like prose."""
    paragraphs = block.strip().split("\n\n")
    return tuple(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)


UZ_LATN = _frames("""
{p.full} {date} kuni {subj} fanidan nazorat ishida {low} baho oldi. So'nggi ikki haftada uy vazifalarini
ham bajarmayapti. [g:Otasi|Onasi] {g.given} [g:aka|opa] bilan telefon orqali gaplashdim ({g.phone}),
ertaga maktabga kelishini so'radim. Agar kelmasa, direktor o'rinbosariga yozma ravishda ma'lumot beraman.
Keyingi nazorat ishi {date2} kuni bo'ladi, unga tayyorlanishi kerak.

{class} sinf o'quvchisi {p.gs} {q}-chorakda {subj} va {subj2} fanlaridan {low} baho bilan chiqmoqda.
[g:Otasi|Onasi] bilan jiddiy suhbat kerak. [g:Otasining|Onasining] telefoni: {g.phone}, elektron pochtasi:
{g.email}. O'quvchining o'zi bilan ham gaplashdim, darslarga qiziqishi yo'qligini aytdi. Kelasi haftadan
boshlab har kuni kundalikni tekshirib boraman.

{p.given+ning} {subj} fanidan o'zlashtirishi keskin pasaydi: oxirgi uchta nazorat ishidan {low}, {low} va
3 baho oldi. Fan o'qituvchisi {t.gp} qo'shimcha dars taklif qildi, lekin {p.given} kelmayapti. Sababini
so'raganimda, darsdan keyin bozorda [g:otasiga|onasiga] yordam berishini aytdi. Bu masalani ota-onasi
bilan hal qilish kerak.

Bugun {subj} darsida test o'tkazildi. {p.full} {score} ball to'pladi, bu sinfdagi eng past natija. Uyda
tayyorlanmagani sezilib turibdi. [g:Otasi|Onasi] {g.fullp+ga} xabar berdim, {g.phone} raqamiga SMS
yubordim.

{p.gs} {subj} fanidan olimpiadaning tuman bosqichida {score} ball bilan 2-o'rinni egalladi. Viloyat
bosqichiga ro'yxatdan o'tkazish uchun JShShIR ({p.pinfl}) va [g:otasining|onasining] elektron pochtasi
{g.email} yuborildi.

{q}-chorak yakunlari: {p.full} beshta fandan {low} baho bilan yakunlamoqda. Sinf rahbari sifatida
[g:otasi|onasi] {g.full} bilan {date} kuni soat {time} da uchrashuv belgiladim. Uchrashuvga {p.given+ning}
o'zi ham keladi.

{p.sinit} {subj} fanidan {n} ta uy vazifasini topshirmagan. Bu haqda elektron kundalikka yozib qo'ydim
(yozuv raqami {record}). [g:Otasi|Onasi] bilan bog'lanish kerak: {g.phone}. Oxirgi marta gaplashganimizda
[g:otasi|onasi] bola kechqurun sport to'garagiga qatnashishini aytgan edi, vazifalar shuning uchun qolib
ketayotgan bo'lishi mumkin.

Ingliz tili o'qituvchisi {t.init} {p.given+ning} darsdagi faolligi ancha yaxshilanganini aytdi, oxirgi
ikki haftada faqat {high} baholar oldi. [g:Otasi|Onasi] {g.gs+ga} rahmat xati yuborildi.

{p.full} {date} kuni {subj} fanidan yozma ishni ko'chirib yozayotganda ushlandi. Ishi bekor qilinib, {low}
baho qo'yildi. Bu haqda [g:otasi|onasi] {g.gs+ga} telefon orqali ma'lum qildim, u farzandi bilan
gaplashishga va'da berdi.

{p.given} ketma-ket {n} kun darsga kelmadi. [g:Otasi|Onasi] {g.full} bilan bog'lanishga harakat qildim,
{g.phone} raqami o'chirilgan. Ertaga manzil bo'yicha borib ko'raman: {addr}. Sinfdoshlarining aytishicha,
{p.given} oxirgi paytda kech qaytib, ko'chada yuribdi. Mahalla posboni bilan ham bog'lanish
rejalashtirildi.

{date} kunidan beri {p.fullp} (JShShIR {p.pinfl}) sababsiz dars qoldirmoqda. Mahalla raisi orqali
surishtirdim: oila {addr} manzilida yashaydi, [g:otasi|onasi] Rossiyada ishlaydi, bola buvisi {gm.gp}
qaramog'ida.

{p.gs} bugun birinchi darsga {nn} daqiqa kechikib keldi, bu hafta uchinchi marta. Sababini so'raganimda
ertalab ukasini bog'chaga olib borishini aytdi. [g:Otasi|Onasi] {g.given} [g:aka|opa] bilan gaplashish
kerak. Dars soat 8:00 da boshlanadi, bola esa har kuni birinchi darsning yarmini o'tkazib yubormoqda. Bu
holat davomat jurnalida qayd etildi.

{p.given} {date} kuni kasallik sababli darsga kelmadi. [g:Otasi|Onasi] o'zi qo'ng'iroq qilib ({g.phone}),
shifokor ma'lumotnomasini ertaga olib kelishini aytdi. Davomat jurnalida sababli deb belgilandi. Sinfdoshi
{p2.given} unga bugungi mavzular va uy vazifalarini yetkazib beradi.

Sinf bo'yicha davomat: {date} kuni 28 nafardan {n} nafar o'quvchi kelmadi. Ulardan {p.full} va {p2.full}
sababsiz qoldirgan. Ikkalasining ota-onasiga ham xabar berildi, {p2.given+ning} [g2:otasi|onasi] telefonni
ko'tarmadi ({g2.phone}).

{p.full} oxirgi oyda {nn} soat dars qoldirdi. Tuman xalq ta'limi bo'limiga ma'lumot berish kerak. Oila
manzili: {addr}. [g:Otasi|Onasi]: {g.fullp}, tel. {g.phone}, JShShIR {g.pinfl}.

{p.given} oilasi bilan {city}ga to'yga ketgan, {n} kun darsga kelmaydi. [g:Otasi|Onasi] {g.sinit} oldindan
ariza yozib berdi. Uy vazifalari telegram orqali yuboriladi, javoblarini {p.email} pochtasidan kutaman.

{p.full} {q}-chorakda {nn} ta darsni sababsiz qoldirgan. Voyaga yetmaganlar bilan ishlash bo'yicha
inspektor {x.full} xabardor qilindi. [g:Otasi|Onasi] {g.gp} bilan ertaga soat {time} da uchrashuv bor.
Bola darslarni qoldirib, maktab yonidagi internet kafeda o'tirgani aniqlandi.

{p.given} bugun ham uy vazifasini bajarmay keldi, daftarini ham unutibdi. Bu hafta {n}-marta shunday
bo'ldi. [g:Otasi|Onasi] {g.given} [g:aka|opa]ga qo'ng'iroq qildim, kechqurun nazorat qilishga va'da berdi.
Agar keyingi haftada ham shunday davom etsa, ota-onani maktabga chaqiraman va masalani sinf ota-onalar
qo'mitasida ko'rib chiqamiz.

{subj} fanidan berilgan loyiha ishini {p.gs} muddatida topshirmadi. {p.given+ning} aytishicha, uyda
kompyuter yo'q. Unga maktab kutubxonasidagi kompyuterdan foydalanishga ruxsat berildi ({room}-xona,
darsdan keyin). Loyiha topshirish muddati {date} kunigacha uzaytirildi, fan o'qituvchisi {t.gp} bunga rozi
bo'ldi.

{p.full} uy vazifalarini {t.given} [t:domla|opa]ga elektron pochta orqali yuboradi: {p.email}. Oxirgi ikki
haftada birorta ham ish kelmadi. [g:Otasi|Onasi]ga aytish kerak, raqami {g.phone}.

Bugun {subj} darsida {p.given} va {p2.given} o'rtasida janjal chiqdi. Ikkalasi ham direktor o'rinbosari
{t2.sinit} huzuriga chaqirildi. Ota-onalariga xabar berildi, {p.given+ning} [g:otasi|onasi] ertaga soat
{time} da keladi. {p2.given+ning} ota-onasi bilan esa hali bog'lana olmadim, telefoni o'chiq. Ikkala bola
ham tushuntirish xati yozdi.

{p.fullp} darsda telefon o'ynadi, ogohlantirishga qo'pol javob qaytardi. Telefoni olib qo'yildi va
[g:otasi|onasi] {g.full+ga} topshirildi. Xulq-atvori bo'yicha tushuntirish xati yozdirildi.

{p.gs} tanaffus paytida {p2.gs+ni} itarib yubordi, {p2.given+ning} qo'li lat yedi. Tibbiyot xodimi {d.gp}
birinchi yordam ko'rsatdi. Har ikkala oilaga telefon qilindi: {g.phone} va {g2.phone}.

{p.given} so'nggi paytlarda juda tortinchoq bo'lib qoldi, darsda savollarga javob bermayapti. Maktab
psixologi {psy.gp} bilan suhbat o'tkazishni so'radim. Hozircha [g:otasi|onasi]ga aytmadim. Avval psixolog
xulosasini kutaman. Sinfda uni ko'proq guruh ishlariga jalb qilishga harakat qilyapman, {subj} darsida
biroz faollashdi.

{class} sinfda {p.full} boshqa o'quvchilarni haqorat qilgani haqida ota-onalardan shikoyat tushdi. {date}
kuni {p.given+ning} [g:otasi|onasi] {g.gp} maktabga chaqirildi, suhbat bayonnomasi tuzildi.

{p.sinit} maktab hovlisida chekayotganda ko'rildi, bu ikkinchi holat. Profilaktika inspektori {x.full}
xabardor qilindi. [g:Otasi|Onasi] bilan {date} kuni soat {time} da uchrashuv belgilandi, telefon:
{g.phone}. Maktab hududida chekish qat'iyan taqiqlangani haqida sinf soatida yana bir bor tushuntirildi.

{p.given+ning} ota-onasi ajrashgan, hozir onasi {m.full} bilan {addr} manzilida yashaydi. Otasi {f.full}
bolani ko'rish uchun maktabga kelmoqchi, onasi bunga qarshi. Direktor {dir.full+ga} ma'lum qilindi. Sud
qarori bo'lmagani uchun bolani faqat onasining yozma roziligi bilan otasiga berish mumkin. Qorovulga ham
tushuntirildi.

{p.full} kam ta'minlangan oila farzandi, ijtimoiy himoya yagona reestriga kiritilgan. Qishki kiyim uchun
[g:otasi|onasi] {g.fullp} (JShShIR {g.pinfl}, pasport {g.passport}) ariza yozdi.

{p.gs+ning} otasi {f.gp} {date} kuni vafot etgan. Bola juda tushkun. Psixolog {psy.init} bilan kelishib,
haftada ikki marta suhbat belgilandi. Onasining telefoni: {m.phone}. Sinfdoshlariga bolaga e'tiborli
bo'lishni aytdim. Baholarini hozircha talab qilmaslik haqida fan o'qituvchilari bilan kelishildi.

{p.given} ikki oydan beri amakisi {un.full} qaramog'ida, ota-onasi Qozog'istonda ishlaydi. Amakisining
telefoni {un.phone}, pasporti {un.passport}. Manzil: {addr}. Vasiylik hujjatlari hali
rasmiylashtirilmagan.

Oilaviy sharoit o'rganildi: {p.full}, {class} sinf. Oila {n} farzandli, otasi {f.gs} vaqtincha ishsiz,
onasi {m.gs} uy bekasi. Manzil: {addr}. Moddiy yordam berish tavsiya etiladi. Bolaning qishki kiyimi va
poyabzali yo'q, darsliklari ham to'liq emas. Ma'lumot mahalla raisiga topshirildi.

{p.given+ning} onasi {m.gp} tug'ruqxonada, bola bir hafta buvisi {gm.full} uyida turadi. Buvisining
telefoni {gm.phone}. Darsga ham buvisi olib kelib, olib ketadi.

{date} kuni soat {time} da {p.full+ning} [g:otasi|onasi] bilan telefon orqali gaplashdim ({g.phone}).
Farzandining {subj} fanidan qarzdorligi haqida aytdim. Dam olish kunlari uyda shug'ullanishga kelishdik.
[g:Otasi|Onasi] har kuni kechqurun uy vazifalarini tekshirishini aytdi. Bir oydan keyin natijani birga
ko'rib chiqamiz.

{p.given+ning} onasi {m.gs} o'zi qo'ng'iroq qildi ({m.phone}) va [p:o'g'lining|qizining] sinfdoshlari
bilan muammosi borligini aytdi. Ertaga {p.given} bilan alohida gaplashaman, keyin onasiga {m.email} orqali
yozaman.

[g:Otasi|Onasi] {g.sinit} bilan bog'lanib bo'lmayapti: {g.phone} javob bermayapti. Kundalikdagi ikkinchi
raqam {o.phone} ham o'chiq. {p.given} orqali xat yubordim, ertagacha javob kutaman. Shu hafta ichida javob
bo'lmasa, mahalla orqali bog'lanishga harakat qilaman.

{p.gs} haqida otasi {f.gp+ga} {f.phone} raqami orqali qo'ng'iroq qildim. Otasi hozir {city}da
ishlayotganini, bola onasi bilan qolganini aytdi. Onasining raqami: {m.phone}. Onasi bilan ham gaplashdim,
u bola uyda dars qilmayotganini tan oldi. Haftada bir marta natijalar haqida xabar berib turaman.

{date} kuni soat {time} da {room}-xonada ota-onalar yig'ilishi bo'ldi. {p.full+ning} [g:otasi|onasi] va
{p2.full+ning} [g2:otasi|onasi] qatnashmadi. Ularga {g.phone} va {g2.phone} raqamlari orqali qaror haqida
xabar berildi.

Ota-onalar yig'ilishida {g.fullp} sinf ota-onalar qo'mitasi raisi etib saylandi. Bog'lanish uchun:
{g.phone}, {g.email}. Keyingi yig'ilish {q}-chorak oxirida, {school}-maktab majlislar zalida.

Direktor {dir.fullp} huzurida {p.given+ning} [g:otasi|onasi] bilan uchrashuv o'tkazildi. Kelishuv:
{p.given} har kuni darsdan keyin {room}-xonada qo'shimcha mashg'ulotga qoladi, [g:otasi|onasi] esa
kundalikni har kuni tekshiradi. Agar {q}-chorak oxirigacha o'zlashtirish yaxshilanmasa, masala pedagogik
kengashda ko'riladi.

{class} sinf o'quvchisi {p.fullp} (JShShIR {p.pinfl}) {school2}-maktabga o'tkazilmoqda. Shaxsiy ishi
{date} kuni [g:otasi|onasi] {g.full+ga} topshiriladi. Yangi manzil: {addr2}.

{p.full} oilasi bilan {city}ga ko'chib ketdi. {school}-maktabdan chiqarish haqidagi buyruq № {order}.
[g:Otasining|Onasining] yangi raqami: {g.phone}, shaxsiy ishni olib ketish uchun JShShIR {p.pinfl}
bo'yicha so'rov yuborildi.

{school2}-maktabdan kelgan {p.gs} {class} sinfimizga qabul qilindi. Hujjatlari: JShShIR {p.pinfl},
[g:otasi|onasi] {g.fullp}, pasport {g.passport}. Yashash manzili: {addr}.

Yangi o'quvchi {p.full} {date} kunidan {class} sinfga keldi. Oldingi maktabi {city} shahridagi
{school2}-maktab. [g:Otasi|Onasi]: {g.gs}, tel. {g.phone}, {g.email}.

{p.given} {subj} darsida o'zini yomon his qildi, boshi aylandi. Tibbiyot xodimi {d.sinit} ko'rikdan
o'tkazdi, qon bosimi past ekan. [g:Otasi|Onasi] {g.given} [g:aka|opa] kelib olib ketdi ({g.phone}).
Ertalab nonushta qilmay kelganini aytdi. Ota-onasiga bolani shifokorga ko'rsatishni maslahat berdim,
ertaga natijasini bilib olaman.

{p.full+ning} shifokor ma'lumotnomasi keldi: {date} kunidan {n} haftagacha jismoniy tarbiya darsidan ozod.
Ma'lumotnomani oilaviy poliklinika shifokori {d.init} imzolagan, JShShIR {p.pinfl} bo'yicha tekshirildi.

{p.gs} astma kasalligiga chalingan, ingalyatorini doim o'zi bilan olib yuradi. Favqulodda holatda
[g:otasi|onasi] {g.full} ({g.phone}) yoki {o.full} ({o.phone}) bilan bog'laning. Jismoniy tarbiya
o'qituvchisi ham ogohlantirildi: yugurish mashqlarida yuklamani kamaytirish kerak. Zaxira ingalyator
tibbiyot xonasida turadi.

{p.given} bugun jismoniy tarbiya darsida qo'lini sindirib oldi. Tez yordam chaqirildi, shifokor {d.full}
{n} hafta gips bilan yurishini aytdi. [g:Otasi|Onasi] {g.fullp} xabardor, kasalxonaga o'zi bordi.

Bepul ovqatlanish ro'yxatiga kiritish uchun {p.full} hujjatlari: JShShIR {p.pinfl},
[g:otasining|onasining] pasporti {g.passport}, STIR {g.stir}. Hujjatlar {date} kuni tuman bo'limiga
topshirildi.

Yozgi oromgohga yo'llanma: {p.fullp}, tug'ilganlik guvohnomasi bo'yicha JShShIR {p.pinfl}. [g:Otasi|Onasi]
{g.gp}, telefon {g.phone}, manzil {addr}.

Homiy {x.fullp} (yakka tartibdagi tadbirkor, STIR {x.stir}) {n} nafar o'quvchiga, jumladan {p.gs} va
{p2.gs+ga} maktab formasi sovg'a qildi. Homiy bilan aloqa: {x.phone}.

{p.full+ning} onasi {m.fullp} «Ayollar daftari»ga kiritildi. Pasport: {m.passport}, JShShIR {m.pinfl}.
Mahalla bilan aloqa uchun telefon: {m.phone}.

Elektron kundalikka ulanish: {p.gs} uchun login [g:otasining|onasining] pochtasiga yuborildi — {g.email}.
Parolni tiklash uchun telefon {g.phone} tasdiqlandi.

Ota-onadan tushgan ariza (ro'yxat raqami {order}): {g.fullp}, pasport {g.passport}, yashash manzili
{addr}. Farzandi {p.given+ni} {class} sinfdan parallel sinfga o'tkazishni so'ramoqda.

{p.given} uchun mentor etib {t.gp} biriktirildi. Har seshanba soat {time} da {room}-xonada mashg'ulot
bo'ladi. Mentorning telefoni {t.phone}, [g:otasi|onasi] {g.given} [g:aka|opa] bilan kelishildi. Birinchi
mashg'ulotda o'tgan chorak mavzularidagi bo'shliqlar aniqlandi, asosiy e'tibor ularni takrorlashga
qaratiladi.

Mentor {t.full}: {p.given} bilan {n} ta mashg'ulot o'tkazdik, {subj} fanidan bahosi 2 dan 3 ga ko'tarildi.
Keyingi bosqichda {subj2} faniga e'tibor beramiz. [g:Otasi|Onasi] ham natijadan mamnun.

{p.full} {date} kuni maktabga telefon olib kelib, dars paytida video olgan. Video ijtimoiy tarmoqqa
joylangan. [g:Otasi|Onasi] {g.gs} chaqirildi, {p.given} bilan birga tushuntirish xati yozdi. Videoda
boshqa o'quvchilar ham bor, ularning ota-onalari bilan ham gaplashildi. Video o'chirildi.

{p.given} {subj2} fanidan kech qolgan mavzularni topshirishi kerak. O'qituvchi {t.sinit} bilan kelishildi:
muddat {date} gacha. [g:Otasi|Onasi]ga kundalik orqali xabar yuborildi, javob {g.email} pochtasidan keldi.

Sinfdoshlari {p.gs+ni} masxara qilishayotgani ma'lum bo'ldi. Asosiy tashabbuskor — {p2.full}.
{p2.given+ning} [g2:otasi|onasi] {g2.gp} bilan {date} kuni suhbatlashdik, farzandi bilan gaplashishga
va'da berdi.

{p.fullp}, {class} sinf, JShShIR {p.pinfl}. {q}-chorak baholari elektron kundalikka kiritilmay qolgan,
texnik xato (yozuv raqami {record}). Tizim administratori {t2.given} [t2:aka|opa]ga murojaat qilindi.

Onasining aytishicha, {p.given} kechalari telefonda o'yin o'ynab uxlamaydi, darsda esa uxlab o'tiradi.
Onasi {m.full} bilan kelishdik: telefon soat 22:00 dan keyin olib qo'yiladi. Bir haftadan keyin natijani
ko'ramiz. Fan o'qituvchilari ham oxirgi haftalarda uning darsda diqqati yo'qligini aytishgan edi.

Otasi {f.fullp} (tel. {f.phone}) farzandini boshqa sinfga o'tkazishni so'rab ariza berdi. Sababi — sinf
rahbari {t.full} bilan kelishmovchilik. Arizani direktor {dir.sinit} ko'rib chiqadi.

{p.gs} {date} kuni maktabdan qaytayotib velosipeddan yiqildi. Voqea {addr} yonida bo'lgan, jarohat yengil.
Otasi {f.given} aka xabardor, bolani travmatologga olib bordi. Ertaga darsga kelishi qiyin, uy
vazifalarini telegram orqali yuboraman.

{p.full} {subj} fanidan qarzdorlikni yopdi: qayta topshirilgan nazorat ishidan {high} baho oldi. Fan
o'qituvchisi {t.gp} mamnun. [g:Otasi|Onasi]ga telefon qilib rahmat aytdim ({g.phone}).

Uy-joy sharoitini o'rganish dalolatnomasi: {p.fullp}, {class} sinf. Manzil: {addr}. Oila ijarada yashaydi,
uy egasi {x.full} (tel. {x.phone}). Bola uchun alohida o'qish joyi yo'q.

{p.given} {date} kuni darsdan keyin uyga qaytmagan. [g:Otasi|Onasi] {g.gs} soat {time} da qo'ng'iroq qildi
({g.phone}). Kechqurun bola sinfdoshi {p2.full+ning} uyidan topildi, hammasi joyida. Bola uyga kech
qolishini [g:otasi|onasi]ga aytmagan ekan. Ertaga u bilan suhbatlashaman, sinf soatida xavfsizlik
qoidalarini takrorlaymiz.

{p.full} sport maktabida kurash bilan shug'ullanadi, musobaqalar sababli ko'p dars qoldiradi. Murabbiyi
{x.gp} ({x.phone}) ma'lumotnoma berdi. {subj} fanidan individual reja tuziladi. Musobaqadan qaytgach,
qoldirilgan nazorat ishlarini {date} kunigacha topshirishi kerak.

Vasiylik va homiylik bo'limi so'roviga javob: {p.fullp+ning} vasiysi — buvisi {gm.fullp}, pasport
{gm.passport}, JShShIR {gm.pinfl}. Manzil: {addr}. Bolaning o'zlashtirishi va davomati qoniqarli.

Ota-onalar qo'mitasi xabari: {g.fullp} sinf uchun proyektor sovg'a qildi. Rahmat xati {date} kuni
topshirildi. Keyingi tadbirlar bo'yicha aloqa: {g.email}, {g.phone}.

{p.gs} {n} kundan beri kasal, uyda davolanmoqda. Uchastka shifokori {d.fullp} har kuni kelib ko'rib
turibdi. Uy vazifalarini sinfdoshi {p2.given} olib borib beradi. Kasallik varaqasi yopilgach, {p.given}
qoldirilgan mavzular bo'yicha qo'shimcha mashg'ulotlarga qatnashadi.

Maktab psixologi {psy.full} xulosasi: {p.given+da} xavotirlik belgilari bor, sinfda o'zini yolg'iz his
qiladi. Tavsiya: guruh ishlariga jalb qilish, [g:otasi|onasi] {g.given} [g:aka|opa] bilan muntazam aloqada
bo'lish. Sinfda uni yaxshi tushunadigan o'quvchi bilan bir partaga o'tkazdim.

{date} kuni {subj} darsida {p2.gs+ning} telefoni yo'qoldi, sinfdoshlari {p.full+ni} gumon qilishmoqda.
Direktor o'rinbosari {t2.init} tekshiruv o'tkazmoqda. Ikkala oila bilan soat {time} da uchrashuv bor.

{p.given} kelasi hafta {city}da bo'ladigan {subj} olimpiadasiga boradi. Kuzatuvchi o'qituvchi — {t.gp},
telefon {t.phone}. [g:Otasi|Onasi]dan ruxsatnoma olindi, ro'yxatga JShShIR {p.pinfl} kiritildi.

{p.fullp} maktabni bitirib, universitetga hujjat topshirmoqchi. Tavsifnoma tayyorlandi. Qabul komissiyasi
uchun: JShShIR {p.pinfl}, ID-karta {p.passport}, elektron pochta {p.email}.

Oila a'zolari haqida ma'lumot: {p.full}; otasi {f.fullp}, {f.phone}; onasi {m.fullp}, {m.phone}; bobosi
{gf.gp}. Hammasi {addr} manzilida ro'yxatda turadi.

{p.gs+ning} buvisi {gm.given} xola maktabga kelib, nabirasi haqida so'radi. Ota-onasi chet elda ishlar
ekan. Buvisining raqami {gm.phone} kundalikka kiritildi, keyingi yig'ilishga uni ham taklif qildim. Buvisi
bolaning kechqurun uy vazifasini qilishiga yordam bera olmasligini aytdi, shuning uchun uni darsdan
keyingi to'garakka yozdik.

{date} kuni sinf rahbari {t.fullp} {p.given+ning} uyiga bordi: {addr}. Uyda faqat {n} yoshli ukasi bor
edi. [g:Otasi|Onasi] kechqurun qayta qo'ng'iroq qildi ({g.phone}). Bola bir haftadan beri darsga
kelmayotgani uchun ertaga maktabga birga kelishga kelishdik.

{p.full} sinfdoshi {p2.full} bilan birga {subj} fanidan loyiha tayyorladi va {score} ball oldi. Loyihani
{t.init} tekshirdi. Ikkalasining ota-onasiga ham tabrik xati yuborildi (nusxasi [g2:otasining|onasining]
pochtasiga: {g2.email}).

{p.full} maktab jihozini sindirdi ({room}-xona, parta). [g:Otasi|Onasi] {g.fullp} zararni qoplashga rozi
bo'ldi, kvitansiya raqami {order}. Bu haqda direktor {dir.gp} xabardor.

Pullik to'garak shartnomasi: {g.fullp}, STIR {g.stir}, pasport {g.passport}. O'quvchi: {p.full}, {class}
sinf. Mashg'ulotlar har shanba soat {time} da {room}-xonada.

Yagona ijtimoiy reestr ma'lumotlari yangilandi: {p.fullp} (JShShIR {p.pinfl}); onasi {m.fullp} (JShShIR
{m.pinfl}, soliq raqami {m.stir}). Oila {n} farzandli, otasi {f.gs} mavsumiy ishda.

«Temir daftar»ga kiritilgan oila: otasi {f.fullp}, pasport {f.passport}, STIR {f.stir}. Farzandi {p.gs},
{class} sinf, darslik va o'quv qurollari bilan ta'minlandi. Aloqa: {f.phone}.

Hujjatlarni {schoolmail} manziliga yuborish so'raldi. {p.full+ning} [g:otasi|onasi] {g.gs} ma'lumotnoma
uchun ariza yubordi, javob {g.email} pochtasiga boradi. JShShIR: {p.pinfl}.

{f.sur+lar} oilasi {city}dan ko'chib kelgan. {p.given} {class} sinfga qabul qilindi, [g:otasi|onasi]
{g.fullp} hujjatlarni {date} kuni topshirdi. Yashash joyi: {addr}.

{p.given} bugun yana darsga kelmadi. Onasiga qo'ng'iroq qildim, javob bermadi. Otasi {f.given} akaning
raqami {f.phone}, unga ham yozdim. Ertaga uyiga boraman.

{class} sinfda {date} kuni {subj} fanidan nazorat ishi o'tkazildi. 27 nafar o'quvchidan {n} nafari 2 baho
oldi, o'rtacha ball {score}. Qayta topshirish {date2} kuni {room}-xonada bo'ladi.

{q}-chorak yakuni bo'yicha sinf davomati {pct} foizni tashkil etdi. Sababsiz dars qoldirish holatlari
kamaydi. Ota-onalar yig'ilishi {date} kuni soat {time} da {school}-maktab majlislar zalida o'tkaziladi.

{subj} fanidan qo'shimcha darslar har payshanba soat {time} da {room}-xonada bo'ladi. Qatnashish
ixtiyoriy, lekin 2 baho olgan o'quvchilarga tavsiya qilinadi. Elektron kundalikdagi yozuv raqami {record}.

Bugun {class} sinf {city}ga ekskursiyaga bordi. {n} nafar o'quvchi kasallik sababli qatnashmadi. Qaytish
vaqti soat {time}. Keyingi hafta {subj} darsi {room}-xonada bo'ladi.

Tuman olimpiadasiga {subj} fanidan {n} nafar o'quvchi tayyorlanmoqda. Sinov testi {date} kuni, o'tish bali
{score}. Natijalar {q}-chorak hisobotiga kiritiladi.

{date} kuni {region}dan kelgan komissiya {class} sinfda {subj} darsini kuzatdi. O'quvchilarning {pct}
foizi topshiriqlarni to'g'ri bajardi. Tavsiya: ko'proq amaliy mashg'ulotlar o'tkazish.

Sinfdagi 2 baholar soni {q}-chorakda {n} taga kamaydi. Eng ko'p 2 baho {subj} fanidan. {date} kunidan
boshlab har kuni 6-darsdan keyin qo'shimcha mashg'ulot, {room}-xona. {district} tumani bo'yicha reytingda
3-o'rindamiz.

Adabiyot darsida Alisher Navoiyning «Xamsa» asari o'rganildi. {class} sinfda {n} nafar o'quvchi «Farhod va
Shirin» dostonidan parchani yod aytib berdi, ularga 5 baho qo'yildi. Keyingi dars {date} kuni,
{room}-xonada.

Tarix darsida Amir Temur davlati mavzusi o'tildi. {p.given} Sohibqiron haqida qo'shimcha ma'lumot
tayyorlab kelib, 5 baho oldi. {p2.given} esa mavzuni o'qimagan, {low} baho qo'yildi. [g2:Otasiga|Onasiga]
xabar berdim.
""")

UZ_CYRL = _frames("""
{p.full} {date} куни {subj} фанидан назорат ишида {low} баҳо олди. Уй вазифаларини ҳам мунтазам
бажармаяпти. [g:Отаси|Онаси] {g.given} [g:ака|опа] билан телефон орқали гаплашдим ({g.phone}), эртага
мактабга келишини сўрадим. Агар келмаса, директор ўринбосарига ёзма равишда маълумот бераман. Кейинги
назорат иши {date2} куни бўлади.

{p.given} кетма-кет {n} кун дарсга келмади. [g:Отаси|Онаси] {g.full} билан боғланиб бўлмади, {g.phone}
рақами ўчирилган. Манзил: {addr}. Эртага уйига бориб кўраман. Синфдошларининг айтишича, {p.given}
кечқурунлари кўчада юрибди. Маҳалла посбони билан ҳам боғланиш режалаштирилди.

{class} синф ўқувчиси {p.fullp} (ЖШШИР {p.pinfl}) {school2}-мактабга ўтказилмоқда. Шахсий иши {date} куни
[g:отаси|онаси] {g.full+га} топширилади. Янги манзил: {addr2}.

{p.gs} бугун биринчи дарсга {nn} дақиқа кечикиб келди, бу ҳафтада учинчи марта. Онаси {m.gp} билан
гаплашдим, эрталаб укасини боғчага олиб боришини айтди. Дарс соат 8:00 да бошланади, бола эса ҳар куни
биринчи дарснинг ярмини ўтказиб юбормоқда. Бу ҳолат давомат журналида қайд этилди.

{p.given+нинг} {subj} фанидан ўзлаштириши пасайди. Фан ўқитувчиси {t.gp} қўшимча дарсга таклиф қилди,
лекин {p.given} қатнашмаяпти. [g:Отаси|Онаси]га хабар берилди, телефон: {g.phone}. Сабабини сўраганимда,
дарсдан кейин бозорда [g:отасига|онасига] ёрдам беришини айтди.

Кам таъминланган оилалар рўйхатига киритиш учун: {p.fullp}, ЖШШИР {p.pinfl}. [g:Отаси|Онаси] {g.fullp},
паспорт {g.passport}, СТИР {g.stir}. Манзил: {addr}.

{p.full} танаффусда {p2.full+ни} уриб юборди. Тиббиёт ходими {d.sinit} кўрикдан ўтказди, жиддий жароҳат
йўқ. Иккала оилага ҳам қўнғироқ қилинди: {g.phone} ва {g2.phone}. Иккала ўқувчи ҳам тушунтириш хати ёзди,
эртага соат {time} да ота-оналар билан учрашув бўлади.

Ота-оналар йиғилиши {date} куни соат {time} да {room}-хонада бўлиб ўтди. {p.full+нинг} [g:отаси|онаси]
қатнашмади. Унга {g.phone} рақами орқали қарор ҳақида хабар бердим.

{p.given} касаллиги сабабли {n} кун дарсга келмайди. Оилавий поликлиника шифокори {d.fullp} маълумотнома
берди. Уй вазифалари [g:отаси|онаси]нинг электрон почтасига юборилади: {g.email}.

{p.gs+нинг} ота-онаси ажрашган. Бола онаси {m.full} билан {addr} манзилида яшайди. Отаси {f.gs}
({f.phone}) болани мактабдан олиб кетмоқчи бўлди, директор {dir.sinit} хабардор қилинди. Суд қарори
бўлмагани учун болани фақат онасининг ёзма розилиги билан бериш мумкин, қоровулга ҳам тушунтирилди.

Ёзги оромгоҳга йўлланма: {p.fullp}, {class} синф, ЖШШИР {p.pinfl}. [g:Отаси|Онаси] {g.gp}, телефон
{g.phone}. Ҳужжатлар {date} куни туман бўлимига топширилди.

{p.full} дарсда телефон ўйнади, огоҳлантиришга қўпол жавоб берди. Телефони олиб қўйилди ва [g:отаси|онаси]
{g.full+га} қайтарилди. Хулқ-атвори бўйича тушунтириш хати ёздирилди. Агар яна такрорланса, масала
педагогик кенгашда кўрилади.

Мактаб психологи {psy.gp} {p.given} билан суҳбат ўтказди. Хулоса: болада хавотирлик белгилари бор, уйда
муаммолар сезилади. [g:Отаси|Онаси] {g.gs} билан {date} куни учрашув белгиланди. Шу вақтгача синфда унга
кўпроқ эътибор бериш, гуруҳ ишларига жалб қилиш тавсия этилди.

{p.full} вилоят олимпиадасига {subj} фанидан йўлланма олди. Рўйхатдан ўтиш учун ЖШШИР {p.pinfl} ва
[g:отасининг|онасининг] почтаси {g.email} юборилди. Кузатувчи ўқитувчи: {t.init}.

Янги ўқувчи {p.gs} {date} кунидан {class} синфга қабул қилинди. Олдинги мактаби — {city} шаҳридаги
{school2}-мактаб. [g:Отаси|Онаси]: {g.fullp}, тел. {g.phone}, ЖШШИР {g.pinfl}.

{p.given} икки ойдан бери амакиси {un.fullp} қарамоғида, ота-онаси Россияда ишлайди. Амакисининг телефони
{un.phone}, паспорти {un.passport}. Васийлик ҳужжатлари расмийлаштирилмоқда.

Ҳомий {x.fullp} (якка тартибдаги тадбиркор, СТИР {x.stir}) синфимиздаги {n} нафар ўқувчига, жумладан
{p.gs+га}, қишки кийим совға қилди. Ҳомий билан алоқа: {x.phone}.

{p.full+нинг} онаси {m.fullp} «Аёллар дафтари»га киритилди. Паспорт: {m.passport}, ЖШШИР {m.pinfl}.
Маҳалла билан алоқа учун телефон: {m.phone}.

Синф раҳбари {t.fullp} {date} куни {p.given+нинг} уйига борди: {addr}. Уйда фақат бувиси {gm.given} хола
бор экан. [g:Отаси|Онаси] кечқурун ўзи қўнғироқ қилди ({g.phone}). Бола бир ҳафтадан бери дарсга
келмаётгани учун эртага мактабга бирга келишга келишдик.

Электрон кундаликка уланиш: {p.gs} учун логин [g:отасининг|онасининг] почтасига юборилди — {g.email}.
Паролни тиклаш учун рақам {g.phone} тасдиқланди.

{p.fullp} {q}-чоракда {nn} та дарсни сабабсиз қолдирган. Профилактика инспектори {x.full} хабардор
қилинди. [g:Отаси|Онаси] {g.gp} билан эртага соат {time} да учрашув бўлади.

Уй-жой шароитини ўрганиш далолатномаси: {p.full}, {class} синф. Манзил: {addr}. Оила ижарада яшайди, уй
эгаси {x.gs} (тел. {x.phone}). Бола учун алоҳида ўқиш жойи йўқ.

Васийлик бўлими сўровига жавоб: {p.fullp+нинг} васийси — бувиси {gm.fullp}, паспорт {gm.passport}, ЖШШИР
{gm.pinfl}. Боланинг ўқиши ва давомати қониқарли. Манзил: {addr}.

Отаси {f.fullp} (тел. {f.phone}, {f.email}) фарзанди {p.given+ни} бошқа синфга ўтказишни сўраб ариза
берди. Сабаби — синф раҳбари {t.full} билан келишмовчилик.

{p.gs} спорт мактабида кураш билан шуғулланади. Мураббийи {x.gp} мусобақа сабабли {n} кунлик рухсат сўради
({x.phone}). {subj} фанидан индивидуал режа тузилди. Мусобақадан қайтгач, қолдирилган назорат ишларини
{date} кунигача топшириши керак.

Пуллик тўгарак шартномаси: {g.fullp}, СТИР {g.stir}, паспорт {g.passport}. Ўқувчи: {p.full}, {class} синф.
Машғулотлар ҳар шанба соат {time} да {room}-хонада ўтади.

«Темир дафтар»га киритилган оила: отаси {f.fullp}, ЖШШИР {f.pinfl}, солиқ рақами {f.stir}. Фарзанди
{p.gs}, {class} синф, дарслик ва ўқув қуроллари билан таъминланди.

{p.full} {subj} фанидан қарздорликни ёпди: қайта топширилган назорат ишидан {high} баҳо олди. Фан
ўқитувчиси {t.gp} мамнун. [g:Отаси|Онаси]га телефон қилиб раҳмат айтдим ({g.phone}). Энди {subj2} фанидан
ҳам қарздорлиги бор, уни чорак охиригача ёпиши керак.

{p.given+нинг} онаси {m.gs} ўзи қўнғироқ қилди ({m.phone}), [p:ўғлининг|қизининг] синфдошлари билан
муаммоси борлигини айтди. Эртага {p.given} билан алоҳида гаплашаман, кейин онасига {m.email} орқали
ёзаман.

{class} синфда {date} куни {subj} фанидан назорат иши ўтказилди. {n} нафар ўқувчи 2 баҳо олди, ўртача балл
{score}. Қайта топшириш {date2} куни {room}-хонада бўлади.

{q}-чорак якуни бўйича синф давомати {pct} фоиз. Ота-оналар йиғилиши {date} куни соат {time} да
{school}-мактаб мажлислар залида ўтказилади. Қатнашиш мажбурий.

{subj} фанидан қўшимча дарслар ҳар пайшанба соат {time} да {room}-хонада ўтади. 2 баҳо олган ўқувчиларга
тавсия қилинади. Электрон кундаликдаги ёзув рақами {record}.

Бугун {class} синф {city}га экскурсияга борди. {n} нафар ўқувчи касаллик сабабли қатнашмади. Қайтиш вақти
соат {time}. Кейинги ҳафта {subj} дарси {room}-хонада бўлади.

Адабиёт дарсида Абдулла Қодирийнинг «Ўткан кунлар» романи муҳокама қилинди. {p.given} Отабек ва Кумуш
образлари ҳақида яхши фикр билдирди, 5 баҳо олди. {p2.given} эса асарни ўқимаган, {low} баҳо қўйилди.
""")

RU = _frames("""
{p.full} [p:получил|получила] «{low}» за контрольную работу по {subj_dat} ({date}). Домашние задания не
выполняет уже вторую неделю. [a:Позвонил|Позвонила] [g:папе|маме] по номеру {g.phone}, договорились о
встрече. Если ситуация не изменится, вопрос будет рассмотрен на совете профилактики. Следующая контрольная
— {date2}.

{p.given} не [p:был|была] в школе {n} дня без уважительной причины. Дозвониться до [g:отца|матери]
({g.gp}) не удалось, номер {g.phone} недоступен. Адрес проживания: {addr}. Завтра схожу к ним домой.
Одноклассники говорят, что [p:он|она] по вечерам гуляет допоздна. [a:Сообщил|Сообщила] социальному
педагогу.

[p:Ученик|Ученица] {class} класса {p.fullp} (ПИНФЛ {p.pinfl}) переводится в школу №{school2}. Личное дело
выдано [g:отцу|матери], {g.full@dat}, {date}. Новый адрес: {addr2}.

Сегодня на перемене {p.given} и {p2.given} подрались. Ребят отвели к завучу, {t2.sinit@dat}. Родителям
сообщили по телефону: {g.phone}, {g2.phone}. Беседа с родителями назначена на {time}. Ребята написали
объяснительные, классный час о разрешении конфликтов проведём в пятницу.

{p.gs} [p:опоздал|опоздала] на первый урок на {nn} минут, уже третий раз за неделю. Мама, {m.gp},
объяснила, что по утрам [p:он|она] отводит младшего брата в садик. Первый урок начинается в 8:00, а
[p:он|она] каждый день пропускает его половину. Отмечено в журнале посещаемости.

Беседа с [g:отцом|мамой] {p.given@gen}, {g.fullp@ins}, {date}. Обсудили успеваемость по {subj_dat}: в {qr}
четверти выходит «{low}». Договорились о дополнительных занятиях у {t.sinit@gen}.

{p.full} во время урока [p:играл|играла] в телефоне, на замечание [p:ответил|ответила] грубо. Телефон
изъят и передан [g:отцу|маме] ({g.full}). [p:Написал|Написала] объяснительную. При повторении вопрос будет
рассмотрен на педсовете. Родителям [a:напомнил|напомнила] о правилах пользования телефонами в школе.

Справка от врача: {p.full} [p:освобождён|освобождена] от физкультуры на {n} недели с {date}. Справку
[d:подписал|подписала] врач семейной поликлиники {d.sinit}, ПИНФЛ [p:ученика|ученицы] {p.pinfl} сверен.

Для включения в список на бесплатное питание: {p.fullp}, ПИНФЛ {p.pinfl}. [g:Отец|Мать] — {g.fullp},
паспорт {g.passport}, ИНН {g.stir}. Адрес: {addr}.

Родительское собрание {date} в {time}, кабинет {room}. Не пришли родители {p.full@gen} и {p2.full@gen}.
[a:Сообщил|Сообщила] им по телефону: {g.phone}, {g2.phone}.

{p.given} жалуется, что одноклассники над [p:ним|ней] смеются. Инициатор — {p2.full}. [a:Провёл|Провела]
беседу с [g2:отцом|матерью] {p2.given@gen}, {g2.gp@ins}, [g2:обещал|обещала] поговорить с
[p2:сыном|дочерью].

У {p.full@gen} астма, ингалятор всегда при [p:нём|ней]. В экстренном случае звонить [g:отцу|маме] ({g.gp})
по номеру {g.phone} или второму родителю по номеру {o.phone}. Учитель физкультуры предупреждён: нагрузку
на бег нужно снижать. Запасной ингалятор лежит в кабинете медика.

{p.fullp} — [p:победитель|победительница] районной олимпиады по {subj_dat}, результат {score} из 100. Для
регистрации на областной этап отправлены ПИНФЛ {p.pinfl} и почта [g:отца|матери]: {g.email}.

Родители {p.given@gen} в разводе, [p:он|она] живёт с мамой, {m.full@ins}, по адресу {addr}. Отец,
{f.full}, хотел забрать [p:сына|дочь] из школы без согласия матери. [a:Сообщил|Сообщила] директору.
Решения суда нет, поэтому отдавать ребёнка отцу можно только с письменного согласия матери. Охрана
предупреждена.

[p:Новенький|Новенькая] в {class} классе: {p.gs}, [p:прибыл|прибыла] из школы №{school2} г. {city}.
[g:Отец|Мать]: {g.fullp}, тел. {g.phone}, e-mail {g.email}.

{p.given} два месяца живёт у дяди, {un.full@gen}, родители работают в России. Телефон дяди {un.phone},
паспорт {un.passport}. Документы об опекунстве ещё не оформлены. Успеваемость снизилась, особенно по
{subj_dat}. Дядя обещал контролировать выполнение домашних заданий.

Спонсор {x.fullp} (ИП, ИНН {x.stir}) [x:подарил|подарила] школьную форму {n} ученикам, в том числе
{p.gs@dat}. Контакт спонсора: {x.phone}.

Классный руководитель {t.fullp} [t:посетил|посетила] семью {p.given@gen} {date}: {addr}. Дома был только
младший брат. [g:Отец|Мать] [g:перезвонил|перезвонила] вечером с номера {g.phone}.

Психолог {psy.gp} [psy:провёл|провела] беседу с {p.given@ins}. Заключение: признаки тревожности, возможны
проблемы дома. Встреча с [g:отцом|матерью], {g.gs@ins}, назначена на {date}. До встречи рекомендовано чаще
привлекать [p:его|её] к групповой работе на уроках.

{p.full} [p:пропустил|пропустила] {nn} часов за {qr} четверть. Инспектор по делам несовершеннолетних
{x.full} [x:уведомлён|уведомлена]. Встреча с [g:отцом|мамой] ({g.gp}) в {time}. Выяснилось, что во время
уроков [p:он|она] сидит в компьютерном клубе рядом со школой.

Заявление от родителя (рег. № {order}): {g.fullp}, паспорт {g.passport}, проживает по адресу: {addr}.
Просит перевести [p:сына|дочь] {p.given@acc} в параллельный класс.

Для летнего лагеря: {p.fullp}, {class} класс, ПИНФЛ {p.pinfl}. Контакт [g:отца|матери]: {g.gp}, {g.phone}.
Документы сданы в РОНО {date}.

{p.gs} плохо видит с доски, жалуется на головные боли. Школьный медик {d.gp}
[d:рекомендовал|рекомендовала] консультацию окулиста. [a:Сообщил|Сообщила] [g:папе|маме] по телефону
{g.phone}. [g:Отец|Мама] [g:обещал|обещала] записать ребёнка к врачу на этой неделе, пока пересадили на
первую парту.

Акт обследования жилищных условий: {p.full}, {class} класс. Адрес: {addr}. Семья снимает квартиру,
[x:хозяин|хозяйка] — {x.gs}, тел. {x.phone}. Отдельного места для занятий у ребёнка нет.

Запрос органа опеки: опекун {p.fullp@gen} — бабушка, {gm.fullp}, паспорт {gm.passport}, ПИНФЛ {gm.pinfl}.
Успеваемость и посещаемость ребёнка удовлетворительные.

Подключение к электронному дневнику: логин для {p.gs@gen} отправлен на почту [g:отца|матери] — {g.email}.
Номер для восстановления пароля {g.phone} подтверждён.

{p.given} [p:получил|получила] травму руки на физкультуре. Вызвали скорую, врач {d.full}
[d:сказал|сказала], что гипс на {n} недели. [g:Отец|Мать], {g.fullp}, в курсе. Домашние задания буду
отправлять в телеграм, к контрольной подготовится дома.

После беседы с [g:отцом|мамой] {p.full@gen} по телефону ({g.phone}) договорились, что [p:он|она] будет
оставаться на дополнительные занятия по {subj_dat} каждый вторник в {time}. Дополнительные занятия ведёт
{t.gp}. Через месяц вместе посмотрим на результаты.

[p:Ученик|Ученица] {p.sinit} не [p:сдал|сдала] {n} домашних задания по {subj_dat}. Отметка в электронном
дневнике, запись № {record}. Нужно связаться с [g:отцом|матерью]: {g.phone}.

Отец {p.given@gen}, {f.fullp}, тел. {f.phone}, подал заявление о переводе ребёнка в другой класс. Причина
— конфликт с классным руководителем {t.full@ins}. Рассмотрит директор {dir.sinit}.

Бабушка {p.full@gen}, {gm.gp}, приходила в школу, спрашивала об успеваемости [p:внука|внучки]. Родители за
границей. Её номер {gm.phone} внесён в электронный дневник. Бабушка сказала, что не может помогать с
домашними заданиями, поэтому ребёнка записали в группу продлённого дня.

{p.fullp}, {class} класс. ИНН матери {m.stir}, паспорт матери {m.passport}, ПИНФЛ {m.pinfl}. Документы на
материальную помощь переданы в махаллю {date}.

Спортсмен: {p.gs} занимается борьбой, часто пропускает уроки из-за соревнований. Тренер {x.gp} ({x.phone})
[x:предоставил|предоставила] справку. Составлен индивидуальный план по {subj_dat}.

Договор на платный кружок: {g.fullp}, паспорт {g.passport}, ИНН {g.stir}. [p:Ученик|Ученица]: {p.full},
{class} класс. Занятия по субботам в {time}, кабинет {room}.

Обновлены данные в Едином реестре соцзащиты: {p.fullp} (ПИНФЛ {p.pinfl}); мать — {m.fullp} (ПИНФЛ
{m.pinfl}, ИНН {m.stir}), e-mail {m.email}.

{p.full} [p:исправил|исправила] «{low}» по {subj_dat}: пересдача на «{high}». [t:Учитель|Учительница]
{t.gp} [t:доволен|довольна]. [a:Поблагодарил|Поблагодарила] [g:отца|маму] по телефону {g.phone}. Теперь
важно не снижать темп до конца {qr} четверти.

Мама {p.given@gen}, {m.fullp}, сама позвонила ({m.phone}) и рассказала, что у [p:сына|дочери] конфликт с
одноклассниками. Завтра поговорю с {p.given@ins} отдельно, потом напишу маме на {m.email}.

Справка для посольства: {g.fullp}, паспорт {g.passport}, ПИНФЛ {g.pinfl}, [g:запросил|запросила] справку с
места учёбы [p:сына|дочери] {p.full@gen}, {class} класс. Справка выдана {date}.

В {class} классе {date} прошла контрольная работа по {subj_dat}. Из 28 учеников {n} получили «2», средний
результат {score} из 100. Пересдача {date2} в кабинете {room}.

Итоги {qr} четверти: посещаемость класса {pct}%. Родительское собрание состоится {date} в {time} в актовом
зале школы №{school}. Явка обязательна.

Дополнительные занятия по {subj_dat} — каждый четверг в {time}, кабинет {room}. Рекомендуются ученикам,
получившим «2» в этой четверти. Запись в электронном дневнике № {record}.

Сегодня {class} класс ездил на экскурсию в г. {city}. {n} ученика не поехали по болезни. Возвращение в
{time}. На следующей неделе урок по {subj_dat} пройдёт в кабинете {room}.
""")

# Mixed Uzbek/Russian notes whose names are written in Latin.
MIXED_LATN = _frames("""
{p.given} bugun urokka kelmadi. Klassniy rukovoditel sifatida [g:otasi|onasi] {g.full} bilan gaplashdim
({g.phone}). Aytishicha, temperaturasi bor ekan, zavtra spravka olib keladi. Uy vazifalarini telegram
gruppaga tashlayman, sinfdoshi {p2.given} ham yordam beradi.

{p.full} kontrolniydan {low} oldi, {subj} bo'yicha domashkani ham qilmayapti. Roditeli bilan sobraniyeda
gaplashish kerak edi, lekin [g:otasi|onasi] {g.gp} yana kelmadi. Nomeri {g.phone}, ikki marta zvonit
qildim, javob yo'q. Zavtra yana urinib ko'raman.

Segodnya {p.gs} peremenada {p2.given+ni} urib qo'ydi. Zavuch {t2.sinit} ob'yasnitelnaya yozdirdi.
Roditelyam [a:pozvonil|pozvonila]: {g.phone}, {g2.phone}. Zavtra ikkalasi bilan razgovor.

{p.given} опять [p:опоздал|опоздала], uyda ukasiga qarab qolganini aytdi. Маме [a:позвонил|позвонила],
{m.gp}, тел. {m.phone}. Onasi ertadan boshlab vaqtida olib kelishga va'da berdi.

{p.full} dlya olimpiadi ro'yxatdan o'tkazildi: PINFL {p.pinfl}, pochta {g.email}. Soprovojdayushiy uchitel
{t.init}, telefoni {t.phone}. Olimpiada {date} kuni, {city}da.

Spravka keldi: {p.gs} {n} haftaga fizkulturadan osvobojdeniye oldi. Vrach {d.sinit}, oilaviy poliklinika.
[g:Otasi|Onasi] {g.given} [g:aka|opa] spravkani o'zi olib keldi.

Perevod: {p.fullp}, PINFL {p.pinfl}, {school2}-maktabga ketmoqda. Lichnoye delo [g:otasi|onasi]
{g.full+ga} berildi, pasport {g.passport}. Novyy adres: {addr2}.

Roditelskoye sobraniye {date} kuni soat {time} da bo'ldi. {p.full+ning} [g:otasi|onasi] yana kelmadi,
nomer {g.phone} ne otvechayet. Adres bo'yicha borish kerak: {addr}.

Sotsialniy pasport: {p.full}, mnogodetnaya semya, otasi {f.gs} ishsiz. Manzil: {addr}. Onasining STIR
{m.stir}, pasport {m.passport}, telefon {m.phone}.

Mentor {t.gp}: {p.given} bilan zanyatiye o'tkazdik, {subj} bo'yicha progress bor, {low} dan 4 ga chiqdi.
Sleduyushaya vstrecha {date}, soat {time} da.

{p.given+ning} onasi {m.full} so'radi, elektronniy dnevnikka qanday kirish mumkin. Pochtasi {m.email},
telefon {m.phone}. Administrator {t2.given} [t2:aka|opa]ga [a:peredal|peredala].

Dogovor na kruzhok: {g.fullp}, INN {g.stir}, pasport {g.passport}, telefon {g.phone}. Uchenik {p.full},
{class}, zanyatiya shanba kunlari {room}-kabinetda.

{class} sinfda kontrolnaya rabota {date} kuni, {subj} bo'yicha. Kim 2 olgan bo'lsa, peresdacha {date2},
{room}-kabinet. Sredniy ball {score}, proshlogo chorakdan yaxshiroq.
""")

# Mixed notes that are mostly Russian in Cyrillic, names in their Russian spelling.
MIXED_RU = _frames("""
{p.full} сегодня urokka kelmadi, мама сказала, что kasal. Телефон мамы {m.phone}, адрес: {addr}. Завтра
схожу домой, vazifalarni olib boraman. Ukasi ham shu maktabda, u orqali ham xabar berdim.

Мама {p.given@gen} ({m.gp}) сегодня maktabga keldi, sinf rahbari bilan gaplashdi. Просила пересадить
[p:сына|дочь] за первую парту, ko'zi yomon ko'radi ekan.

Отец {p.gs@gen}, {f.fullp}, позвонил и сказал, что {p.given} bugun kasal, uyda. Просил отправить задания
на почту {f.email}, телефон {f.phone}.

Сегодня {p.full} [p:подрался|подралась] с {p2.full@ins}, ikkalasi ham direktorga chaqirildi. Родителям
сообщили: {g.phone}, {g2.phone}. Ertaga soat {time} da suhbat.

Итоги {qr} четверти: davomat {pct}%, ikki baho olganlar — {n} нафар. Собрание {date}, soat {time} da,
актовый зал. Явка обязательна, ota-onalarga xabar berilsin.

Для olimpiada: {p.fullp}, ПИНФЛ {p.pinfl}, паспорт [g:отца|матери] {g.passport}. Ro'yxat {date} gacha
topshirilishi kerak, pochta {schoolmail}.
""")
