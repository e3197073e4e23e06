"""The demo guides' texts, written for this service in Finnish, Swedish, English and
Ukrainian. They state general rules only and send readers to Kela and the employment
services for their own case; no euro limits, which change."""

from .models import Guide

KELA = "https://www.kela.fi"
MARKET = "https://tyomarkkinatori.fi"
SUOMI = "https://www.suomi.fi"
ENTERPRISE = "https://www.uusyrityskeskus.fi"

GUIDES = [
    {
        "slug": "keikkatyo-ja-tyottomyysetuus",
        "category": Guide.Category.BENEFITS,
        "reviewed_days_ago": 20,
        "texts": {
            "fi": (
                "Voinko tehdä keikkatyötä menettämättä työttömyysetuutta?",
                "Yleensä voit. Tärkeintä on ilmoittaa jokainen keikka ja sen tulot etuuden "
                "maksajalle.",
                "Keikkatyö, osa-aikatyö tai lyhyt työsuhde ei yleensä vie työttömyysetuutta "
                "kokonaan. Etuus **sovitellaan**: palkka pienentää sen jakson etuutta, jolloin "
                "palkka maksetaan, mutta työnteko kannattaa aina.\n\n"
                "### Muista nämä\n\n"
                "- Ilmoita työt ja tulot etuuden maksajalle (Kela tai oma työttömyyskassa) "
                "jokaisessa etuushakemuksessa, myös pienet keikat.\n"
                "- Pidä työnhakusi voimassa. Kerro työllisyyspalveluille, jos teet töitä "
                "säännöllisesti tai työ kestää pitkään.\n"
                "- Jos laskutat keikat itse, esimerkiksi laskutuspalvelun kautta, sinua "
                "pidetään yleensä **yrittäjänä**. Kerro siitä työllisyyspalveluille ennen "
                "kuin aloitat: ne arvioivat, onko työ sivutoimista vai päätoimista.\n\n"
                "### Kysy omasta tilanteestasi\n\n"
                "Säännöt ja euromäärät muuttuvat, ja jokaisen tilanne on oma. Tarkista asia "
                f"[Kelan sivuilta]({KELA}) tai omasta kassastasi ja kysy oman alueesi "
                "työllisyyspalveluista (entiset TE-palvelut). Kun kysyt etukäteen, vältät "
                "takaisinperinnät.",
            ),
            "sv": (
                "Kan jag ta gigjobb utan att förlora arbetslöshetsförmånen?",
                "Oftast ja. Det viktigaste är att anmäla varje gigg och inkomsterna till den "
                "som betalar förmånen.",
                "Gigjobb, deltidsarbete eller ett kort anställningsförhållande gör inte "
                "vanligtvis att du förlorar hela arbetslöshetsförmånen. Förmånen **jämkas**: "
                "lönen minskar förmånen för den period då lönen betalas, men det lönar sig "
                "alltid att arbeta.\n\n"
                "### Kom ihåg\n\n"
                "- Anmäl arbete och inkomster till den som betalar förmånen (FPA eller din "
                "arbetslöshetskassa) i varje ansökan, också små giggar.\n"
                "- Håll din jobbsökning i kraft. Berätta för sysselsättningstjänsterna om du "
                "arbetar regelbundet eller länge.\n"
                "- Om du fakturerar själv, till exempel via en faktureringstjänst, räknas du "
                "oftast som **företagare**. Berätta det för sysselsättningstjänsterna innan du "
                "börjar: de bedömer om arbetet är bisyssla eller huvudsyssla.\n\n"
                "### Fråga om ditt eget fall\n\n"
                "Reglerna och beloppen ändras, och varje situation är egen. Kontrollera på "
                f"[FPA:s webbplats]({KELA}) eller hos din kassa och fråga "
                "sysselsättningstjänsterna i ditt område (tidigare TE-tjänsterna). När du "
                "frågar i förväg slipper du återkrav.",
            ),
            "en": (
                "Can I do gig work without losing my unemployment benefit?",
                "Usually you can. What matters most is telling the benefit payer about every "
                "gig and what it paid.",
                "Gig work, part-time work or a short job does not usually take away your "
                "whole unemployment benefit. The benefit is **adjusted**: your pay reduces the "
                "benefit of the period in which the pay is paid, but working always pays "
                "off.\n\n"
                "### Remember\n\n"
                "- Report your work and income to the benefit payer (Kela or your "
                "unemployment fund) in every benefit application, small gigs too.\n"
                "- Keep your job search valid. Tell the employment services if you work "
                "regularly or for a long time.\n"
                "- If you invoice your gigs yourself, for example through an invoicing "
                "service, you are usually counted as **self-employed**. Tell the employment "
                "services before you start: they assess whether the work is part-time or "
                "full-time business.\n\n"
                "### Ask about your own case\n\n"
                "The rules and amounts change, and every situation is different. Check "
                f"[Kela's website]({KELA}) or your fund, and ask the employment services of "
                "your area (formerly the TE Services). Asking first saves you from having to "
                "pay benefits back.",
            ),
            "uk": (
                "Чи можу я підробляти й не втратити допомогу з безробіття?",
                "Зазвичай так. Найважливіше — повідомляти платника допомоги про кожен "
                "підробіток і дохід від нього.",
                "Підробіток, робота на неповний день чи коротка робота зазвичай не "
                "позбавляють вас усієї допомоги з безробіття. Допомогу **коригують**: "
                "зарплата зменшує допомогу за той період, коли її виплачено, але працювати "
                "завжди вигідно.\n\n"
                "### Пам’ятайте\n\n"
                "- Повідомляйте про роботу й доходи платника допомоги (Kela або ваш фонд "
                "страхування від безробіття) у кожній заяві, навіть про малі підробітки.\n"
                "- Підтримуйте статус шукача роботи. Повідомте службу зайнятості, якщо "
                "працюєте регулярно або довго.\n"
                "- Якщо ви самі виставляєте рахунки, наприклад через сервіс виставлення "
                "рахунків, вас зазвичай вважають **підприємцем**. Повідомте службу "
                "зайнятості до початку: вона оцінить, чи це основна діяльність, чи "
                "побічна.\n\n"
                "### Запитайте про свою ситуацію\n\n"
                "Правила й суми змінюються, і кожна ситуація інша. Перевірте на "
                f"[сайті Kela]({KELA}) або у своєму фонді та запитайте службу зайнятості "
                "свого регіону (колишні TE-служби). Якщо запитати заздалегідь, не доведеться "
                "повертати виплати.",
            ),
        },
    },
    {
        "slug": "osuuskunta-ja-kevytyrittajyys",
        "category": Guide.Category.ENTREPRENEURSHIP,
        "reviewed_days_ago": 45,
        "texts": {
            "fi": (
                "Osuuskunta ja kevytyrittäjyys: kokeile yrittäjyyttä pienellä riskillä",
                "Voit myydä osaamistasi ilman omaa yritystä. Näin osuuskunta ja "
                "laskutuspalvelu eroavat toisistaan.",
                "Jos haluat kokeilla, kannattaako oma osaamisesi myydä, sinun ei tarvitse "
                "heti perustaa yritystä.\n\n"
                "### Kevytyrittäjyys\n\n"
                "Kevytyrittäjä hankkii asiakkaansa itse ja laskuttaa heitä "
                "**laskutuspalvelun** kautta. Palvelu hoitaa laskut, ennakonpidätyksen ja "
                "maksaa sinulle palkan, josta on vähennetty palvelun maksu. Y-tunnusta ei "
                "tarvita.\n\n"
                "### Osuuskunta\n\n"
                "Osuuskunnassa useampi ihminen tekee töitä yhteisen yrityksen nimissä. "
                "Osuuskunta voi laskuttaa asiakkaita ja maksaa jäsenilleen palkkaa. Se sopii "
                "hyvin porukalle, jolla on toisiaan täydentävää osaamista.\n\n"
                "### Etuus ja vakuutukset\n\n"
                "- Työttömyysturvassa kevytyrittäjä on yleensä **yrittäjä**. Osuuskunnan "
                "jäsenen asema riippuu omistuksesta ja tehtävistä.\n"
                "- Kerro suunnitelmastasi työllisyyspalveluille ennen kuin aloitat.\n"
                "- Kun työtulosi ylittävät lain rajan, tarvitset yrittäjän eläkevakuutuksen "
                "(YEL).\n\n"
                f"Maksutonta neuvontaa saat [Uusyrityskeskuksista]({ENTERPRISE}). Kysy etuuden "
                f"vaikutuksista [Kelasta]({KELA}) tai kassastasi.",
            ),
            "sv": (
                "Andelslag och lättföretagande: pröva på företagande med liten risk",
                "Du kan sälja ditt kunnande utan eget företag. Så skiljer sig andelslag och "
                "faktureringstjänst åt.",
                "Om du vill pröva om ditt kunnande går att sälja behöver du inte genast "
                "grunda ett företag.\n\n"
                "### Lättföretagande\n\n"
                "En lättföretagare skaffar själv sina kunder och fakturerar dem via en "
                "**faktureringstjänst**. Tjänsten sköter fakturorna och "
                "förskottsinnehållningen och betalar dig lön minus sin avgift. Du behöver "
                "inget FO-nummer.\n\n"
                "### Andelslag\n\n"
                "I ett andelslag arbetar flera personer i ett gemensamt företags namn. "
                "Andelslaget kan fakturera kunder och betala lön till sina medlemmar. Det "
                "passar ett gäng vars kunnande kompletterar varandra.\n\n"
                "### Förmån och försäkringar\n\n"
                "- I arbetslöshetsskyddet räknas en lättföretagare oftast som "
                "**företagare**. En andelslagsmedlems ställning beror på ägande och "
                "uppgifter.\n"
                "- Berätta om din plan för sysselsättningstjänsterna innan du börjar.\n"
                "- När dina arbetsinkomster överstiger gränsen i lagen behöver du "
                "företagarens pensionsförsäkring (FöPL).\n\n"
                f"Gratis rådgivning får du på [nyföretagarcentralerna]({ENTERPRISE}). Fråga "
                f"om hur förmånen påverkas hos [FPA]({KELA}) eller din kassa.",
            ),
            "en": (
                "Cooperatives and light entrepreneurship: try running a business at low risk",
                "You can sell your skills without a company of your own. This is how a "
                "cooperative and an invoicing service differ.",
                "If you want to find out whether your skills sell, you do not have to start "
                "a company straight away.\n\n"
                "### Light entrepreneurship\n\n"
                "A light entrepreneur finds their own customers and invoices them through an "
                "**invoicing service**. The service takes care of the invoices and the tax "
                "withholding and pays you a salary minus its fee. You need no business ID.\n\n"
                "### Cooperative\n\n"
                "In a cooperative several people work in the name of a shared company. The "
                "cooperative can invoice customers and pay its members a salary. It suits a "
                "group whose skills complement each other.\n\n"
                "### Benefits and insurance\n\n"
                "- In unemployment security a light entrepreneur usually counts as "
                "**self-employed**. A cooperative member's position depends on what they own "
                "and what they do.\n"
                "- Tell the employment services about your plan before you start.\n"
                "- Once your work income goes over the limit set by law, you need the "
                "self-employed person's pension insurance (YEL).\n\n"
                f"Free advice is given by the [Enterprise Agencies]({ENTERPRISE}). Ask "
                f"[Kela]({KELA}) or your fund how it affects your benefit.",
            ),
            "uk": (
                "Кооператив і «легке підприємництво»: спробуйте власну справу з невеликим ризиком",
                "Ви можете продавати свої вміння без власної фірми. Ось чим відрізняються "
                "кооператив і сервіс виставлення рахунків.",
                "Якщо хочете перевірити, чи є попит на ваші вміння, не обов’язково одразу "
                "засновувати фірму.\n\n"
                "### Легке підприємництво (kevytyrittäjyys)\n\n"
                "Легкий підприємець сам знаходить клієнтів і виставляє їм рахунки через "
                "**сервіс виставлення рахунків**. Сервіс оформлює рахунки, утримує податок "
                "і виплачує вам зарплату за вирахуванням своєї плати. Код підприємства "
                "(Y-tunnus) не потрібен.\n\n"
                "### Кооператив (osuuskunta)\n\n"
                "У кооперативі кілька людей працюють від імені спільного підприємства. "
                "Кооператив може виставляти рахунки клієнтам і платити своїм членам "
                "зарплату. Це добре підходить групі людей, чиї вміння доповнюють одне "
                "одного.\n\n"
                "### Допомога та страхування\n\n"
                "- У страхуванні від безробіття легкого підприємця зазвичай вважають "
                "**підприємцем**. Статус члена кооперативу залежить від частки власності та "
                "обов’язків.\n"
                "- Розкажіть про свій план службі зайнятості до початку.\n"
                "- Коли ваш дохід від роботи перевищить встановлену законом межу, потрібне "
                "пенсійне страхування підприємця (YEL).\n\n"
                f"Безкоштовні консультації дають [центри нових підприємців]({ENTERPRISE}). "
                f"Про вплив на допомогу запитайте [Kela]({KELA}) або свій фонд.",
            ),
        },
    },
    {
        "slug": "starttiraha",
        "category": Guide.Category.ENTREPRENEURSHIP,
        "reviewed_days_ago": 30,
        "texts": {
            "fi": (
                "Starttiraha: tukea yrityksen alkuun",
                "Starttiraha turvaa toimeentuloasi, kun aloitat päätoimisen yritystoiminnan. "
                "Hae sitä ennen kuin aloitat.",
                "Starttiraha on tuki, jota työllisyyspalvelut voivat myöntää, kun ryhdyt "
                "**päätoimiseksi yrittäjäksi**. Se turvaa toimeentuloasi sinä aikana, kun "
                "yritys vasta käynnistyy. Starttirahaa myönnetään määräajaksi, ja se on "
                "veronalaista tuloa.\n\n"
                "### Ennen hakemista\n\n"
                "- Hae starttirahaa **ennen** kuin aloitat yritystoiminnan. Jo aloitetulle "
                "toiminnalle sitä ei yleensä myönnetä.\n"
                "- Tee liiketoimintasuunnitelma ja laskelmat. Uusyrityskeskuksen neuvoja "
                "auttaa maksutta.\n"
                "- Sinulla pitää olla riittävä osaaminen alalta ja edellytykset "
                "kannattavaan toimintaan.\n\n"
                "### Muista\n\n"
                "Kun saat starttirahaa, työttömyysetuutta ei makseta samalta ajalta. "
                "Työllisyyspalvelut päättävät starttirahasta harkinnan mukaan, joten varaa "
                "aikaa hakemiseen.\n\n"
                f"Hae starttirahaa [Työmarkkinatorilla]({MARKET}) ja kysy lisää oman alueesi "
                f"työllisyyspalveluista. Neuvontaa saat [Uusyrityskeskuksista]({ENTERPRISE}).",
            ),
            "sv": (
                "Startpeng: stöd när du startar företag",
                "Startpengen tryggar din utkomst när du startar ett företag på heltid. Ansök "
                "innan du börjar.",
                "Startpeng är ett stöd som sysselsättningstjänsterna kan bevilja när du blir "
                "**företagare på heltid**. Den tryggar din utkomst medan företaget kommer i "
                "gång. Startpengen beviljas för en bestämd tid och är skattepliktig "
                "inkomst.\n\n"
                "### Innan du ansöker\n\n"
                "- Ansök om startpeng **innan** du börjar med företagsverksamheten. För "
                "verksamhet som redan har börjat beviljas den vanligtvis inte.\n"
                "- Gör en affärsplan och kalkyler. Nyföretagarcentralens rådgivare hjälper "
                "gratis.\n"
                "- Du ska ha tillräckligt kunnande inom branschen och förutsättningar för "
                "lönsam verksamhet.\n\n"
                "### Kom ihåg\n\n"
                "När du får startpeng betalas ingen arbetslöshetsförmån för samma tid. "
                "Sysselsättningstjänsterna beslutar om startpeng efter prövning, så reservera "
                "tid för ansökan.\n\n"
                f"Ansök om startpeng på [Jobbmarknad Finland]({MARKET}) och fråga mer hos "
                "sysselsättningstjänsterna i ditt område. Rådgivning får du på "
                f"[nyföretagarcentralerna]({ENTERPRISE}).",
            ),
            "en": (
                "Start-up grant: support for the first months of a business",
                "The start-up grant (starttiraha) secures your income when you start a "
                "full-time business. Apply before you start.",
                "The start-up grant is support that the employment services may give when "
                "you become a **full-time entrepreneur**. It secures your income while the "
                "business is getting going. It is granted for a fixed period and it is "
                "taxable income.\n\n"
                "### Before you apply\n\n"
                "- Apply **before** you start the business. It is not usually granted for a "
                "business that has already started.\n"
                "- Write a business plan and calculations. An Enterprise Agency adviser helps "
                "free of charge.\n"
                "- You need enough skill in the field and the means to run a profitable "
                "business.\n\n"
                "### Remember\n\n"
                "While you receive the start-up grant, no unemployment benefit is paid for "
                "the same time. The employment services decide on the grant case by case, so "
                "leave time for applying.\n\n"
                f"Apply on the [Job Market Finland]({MARKET}) service and ask the employment "
                f"services of your area. Advice is given by the [Enterprise Agencies]"
                f"({ENTERPRISE}).",
            ),
            "uk": (
                "Стартові гроші (starttiraha): підтримка на початку власної справи",
                "Стартові гроші забезпечують ваш дохід, коли ви починаєте підприємницьку "
                "діяльність як основну. Подайте заяву до початку.",
                "Starttiraha — це підтримка, яку служба зайнятості може надати, коли ви "
                "стаєте **підприємцем, для якого це основна діяльність**. Вона забезпечує "
                "ваш дохід, поки справа тільки розгортається. Її надають на визначений строк, "
                "і вона оподатковується.\n\n"
                "### Перед поданням заяви\n\n"
                "- Подайте заяву **до** початку підприємницької діяльності. На вже розпочату "
                "діяльність її зазвичай не надають.\n"
                "- Складіть бізнес-план і розрахунки. Консультант центру нових підприємців "
                "допоможе безкоштовно.\n"
                "- Потрібні достатні знання в галузі та умови для прибуткової діяльності.\n\n"
                "### Пам’ятайте\n\n"
                "Поки ви отримуєте стартові гроші, допомогу з безробіття за той самий час не "
                "виплачують. Служба зайнятості ухвалює рішення в кожному випадку окремо, тож "
                "заплануйте час на подання заяви.\n\n"
                f"Подайте заяву на [Työmarkkinatori]({MARKET}) і запитайте службу "
                "зайнятості свого регіону. Консультації дають [центри нових підприємців]"
                f"({ENTERPRISE}).",
            ),
        },
    },
    {
        "slug": "cv-ja-tyohakemus",
        "category": Guide.Category.JOB_SEARCH,
        "reviewed_days_ago": 10,
        "texts": {
            "fi": (
                "CV ja työhakemus kuntoon",
                "Lyhyt, selkeä ja hakemaasi työhön sopiva CV vie pitkälle. Näin pääset alkuun.",
                "Työnantaja lukee CV:n usein alle minuutissa. Tee siitä siis helppo "
                "lukea.\n\n"
                "### CV\n\n"
                "- Pidä CV yhden tai kahden sivun mittaisena.\n"
                "- Aloita yhteystiedoilla ja parin lauseen kuvauksella siitä, mitä osaat ja "
                "mitä etsit.\n"
                "- Kerro työkokemus ja koulutus uusin ensin. Mainitse myös vapaaehtoistyö, "
                "keikat ja kurssit: nekin ovat osaamista.\n"
                "- Kielitaito ja digitaidot kannattaa kertoa tasoineen.\n\n"
                "### Työhakemus\n\n"
                "Kirjoita jokaiseen paikkaan oma, lyhyt hakemus. Kerro, miksi haet juuri tätä "
                "työtä ja mitä hyötyä työnantaja sinusta saa. Anna esimerkki, älä vain "
                "luettele ominaisuuksia.\n\n"
                "### Apua\n\n"
                f"Avoimia paikkoja löydät [Työmarkkinatorilta]({MARKET}), jossa voit tehdä "
                "myös oman profiilin. Ideahautomon tapahtumissa ja opintopiireissä CV:tä "
                "voi muokata yhdessä muiden kanssa, ja työllisyyspalvelujen valmentajat "
                "auttavat.",
            ),
            "sv": (
                "Ett bra CV och en bra ansökan",
                "Ett kort och tydligt CV som passar jobbet du söker tar dig långt. Så här "
                "kommer du i gång.",
                "En arbetsgivare läser ofta ett CV på mindre än en minut. Gör det alltså "
                "lätt att läsa.\n\n"
                "### CV\n\n"
                "- Håll CV:t på en eller två sidor.\n"
                "- Börja med kontaktuppgifter och ett par meningar om vad du kan och vad du "
                "söker.\n"
                "- Berätta om arbetserfarenhet och utbildning, den senaste först. Nämn också "
                "frivilligarbete, giggar och kurser: också de är kunnande.\n"
                "- Berätta om språkkunskaper och digitala färdigheter med nivå.\n\n"
                "### Ansökan\n\n"
                "Skriv en egen, kort ansökan till varje plats. Berätta varför du söker just "
                "det här jobbet och vad arbetsgivaren har för nytta av dig. Ge ett exempel i "
                "stället för att bara räkna upp egenskaper.\n\n"
                "### Hjälp\n\n"
                f"Lediga jobb hittar du på [Jobbmarknad Finland]({MARKET}), där du också kan göra "
                "en egen profil. På Ideahautomos evenemang och i studiecirklarna kan du "
                "arbeta med ditt CV tillsammans med andra, och sysselsättningstjänsternas "
                "coacher hjälper.",
            ),
            "en": (
                "Getting your CV and job application right",
                "A short, clear CV that fits the job you apply for goes a long way. This is "
                "how to start.",
                "An employer often reads a CV in less than a minute. So make it easy to "
                "read.\n\n"
                "### CV\n\n"
                "- Keep your CV to one or two pages.\n"
                "- Start with your contact details and a couple of sentences on what you "
                "can do and what you are looking for.\n"
                "- List work experience and education, the latest first. Include volunteer "
                "work, gigs and courses: they are skills too.\n"
                "- Give your languages and digital skills with their levels.\n\n"
                "### Application\n\n"
                "Write a short application of its own for each job. Say why you apply for "
                "this very job and what the employer gains from you. Give an example instead "
                "of only listing qualities.\n\n"
                "### Help\n\n"
                f"You find open jobs on [Job Market Finland]({MARKET}), where you can also "
                "make a profile of your own. At Ideahautomo's events and in study circles "
                "you can work on your CV together with others, and the employment services' "
                "coaches help.",
            ),
            "uk": (
                "Як підготувати резюме та супровідний лист",
                "Коротке, зрозуміле резюме, яке пасує до вакансії, дуже допомагає. Ось із "
                "чого почати.",
                "Роботодавець часто читає резюме менш ніж за хвилину. Тож зробіть його "
                "легким для читання.\n\n"
                "### Резюме (CV)\n\n"
                "- Резюме має займати одну-дві сторінки.\n"
                "- Почніть із контактних даних і кількох речень про те, що ви вмієте і що "
                "шукаєте.\n"
                "- Укажіть досвід роботи й освіту, починаючи з останніх. Згадайте також "
                "волонтерство, підробітки та курси: це теж ваші вміння.\n"
                "- Укажіть знання мов і цифрові навички разом із рівнем.\n\n"
                "### Супровідний лист\n\n"
                "Напишіть короткий окремий лист для кожної вакансії. Поясніть, чому "
                "подаєтеся саме на цю роботу і яку користь роботодавець отримає від вас. "
                "Наведіть приклад, а не лише перелік якостей.\n\n"
                "### Допомога\n\n"
                f"Вакансії шукайте на [Työmarkkinatori]({MARKET}), де можна створити й "
                "власний профіль. На заходах Ideahautomo та в навчальних гуртках можна "
                "працювати над резюме разом з іншими, а коучі служби зайнятості "
                "допомагають.",
            ),
        },
    },
    {
        "slug": "keskeytyneet-opinnot-loppuun",
        "category": Guide.Category.STUDIES,
        "reviewed_days_ago": 60,
        "texts": {
            "fi": (
                "Keskeytyneet opinnot loppuun",
                "Jäikö tutkinto kesken? Usein sen voi vielä saattaa loppuun, ja jo tehdyt "
                "opinnot lasketaan mukaan.",
                "Moni tutkinto jää kesken elämäntilanteen vuoksi. Kesken jääneet opinnot "
                "eivät ole menneet hukkaan.\n\n"
                "### Aloita näin\n\n"
                "1. Ota yhteyttä oppilaitoksesi opintotoimistoon tai opinto-ohjaajaan. "
                "Kysy, onko opiskeluoikeutesi voimassa ja voiko lisäaikaa hakea.\n"
                "2. Pyydä ote suorituksistasi ja selvitä, mitä tutkinnosta puuttuu.\n"
                "3. Kysy, voiko työssä tai muualla hankitun osaamisen **tunnustaa** osaksi "
                "tutkintoa.\n\n"
                "### Opiskelu ja työttömyysetuus\n\n"
                "Joissain tilanteissa voit opiskella ja saada samalla työttömyysetuutta. "
                "Siitä pitää sopia työllisyyspalvelujen kanssa **ennen** kuin opinnot "
                "alkavat. Muuten opiskelu voi katkaista etuuden. Toinen vaihtoehto on Kelan "
                "opintotuki.\n\n"
                f"Kysy omasta tilanteestasi työllisyyspalveluista ja [Kelasta]({KELA}). "
                "Ideahautomon opintopiireissä voit opiskella yhdessä muiden kanssa.",
            ),
            "sv": (
                "Slutför avbrutna studier",
                "Blev examen på hälft? Ofta går den ännu att slutföra, och de studier du "
                "redan gjort räknas med.",
                "Många examina blir på hälft på grund av livssituationen. Studierna du redan "
                "gjort har inte gått förlorade.\n\n"
                "### Börja så här\n\n"
                "1. Kontakta studiebyrån eller studiehandledaren vid din läroanstalt. Fråga "
                "om din studierätt är i kraft och om du kan ansöka om mer tid.\n"
                "2. Be om ett studieutdrag och ta reda på vad som fattas i examen.\n"
                "3. Fråga om kunnande du fått i arbetet eller på annat håll kan **erkännas** "
                "som en del av examen.\n\n"
                "### Studier och arbetslöshetsförmån\n\n"
                "I vissa fall kan du studera och samtidigt få arbetslöshetsförmån. Det ska "
                "avtalas med sysselsättningstjänsterna **innan** studierna börjar. Annars "
                "kan studierna avbryta förmånen. Ett annat alternativ är FPA:s "
                "studiestöd.\n\n"
                f"Fråga om ditt eget fall hos sysselsättningstjänsterna och [FPA]({KELA}). I "
                "Ideahautomos studiecirklar kan du studera tillsammans med andra.",
            ),
            "en": (
                "Finishing an interrupted degree",
                "Did your degree stay unfinished? It can often still be completed, and the "
                "studies you have done count.",
                "Many degrees are left unfinished because of what happens in life. The "
                "studies you have done are not lost.\n\n"
                "### Start like this\n\n"
                "1. Contact your school's student services or study counsellor. Ask whether "
                "your right to study is still valid and whether you can apply for more "
                "time.\n"
                "2. Ask for a transcript of your studies and find out what is missing from "
                "the degree.\n"
                "3. Ask whether skills you gained at work or elsewhere can be **recognised** "
                "as part of the degree.\n\n"
                "### Studying and unemployment benefit\n\n"
                "In some cases you can study and receive unemployment benefit at the same "
                "time. This must be agreed with the employment services **before** your "
                "studies begin. Otherwise studying may stop your benefit. Kela's student "
                "financial aid is another option.\n\n"
                f"Ask the employment services and [Kela]({KELA}) about your own case. In "
                "Ideahautomo's study circles you can study together with others.",
            ),
            "uk": (
                "Як завершити перерване навчання",
                "Не закінчили навчання? Часто його ще можна завершити, і вже складені "
                "курси зараховуються.",
                "Багато людей не завершують навчання через життєві обставини. Те, що ви вже "
                "вивчили, не втрачено.\n\n"
                "### З чого почати\n\n"
                "1. Зверніться до навчального відділу чи консультанта з навчання свого "
                "закладу. Запитайте, чи чинне ваше право на навчання і чи можна попросити "
                "додатковий час.\n"
                "2. Попросіть виписку про складені курси та з’ясуйте, чого бракує до "
                "диплома.\n"
                "3. Запитайте, чи можна **зарахувати** вміння, здобуті на роботі чи деінде, "
                "як частину навчання.\n\n"
                "### Навчання та допомога з безробіття\n\n"
                "У деяких випадках можна навчатися й водночас отримувати допомогу з "
                "безробіття. Це потрібно погодити зі службою зайнятості **до** початку "
                "навчання. Інакше навчання може припинити виплату допомоги. Інший варіант — "
                "допомога на навчання від Kela.\n\n"
                f"Запитайте про свою ситуацію службу зайнятості та [Kela]({KELA}). У "
                "навчальних гуртках Ideahautomo можна вчитися разом з іншими.",
            ),
        },
    },
    {
        "slug": "vahva-tunnistautuminen",
        "category": Guide.Category.DIGITAL,
        "reviewed_days_ago": 400,
        "texts": {
            "fi": (
                "Vahva tunnistautuminen: näin asioit Kelan ja työllisyyspalvelujen "
                "verkkopalveluissa",
                "Tarvitset verkkopankkitunnukset, mobiilivarmenteen tai varmennekortin. Jos "
                "sinulla ei ole niitä, apua on saatavilla.",
                "Kelan, Työmarkkinatorin ja Verohallinnon verkkopalveluihin kirjaudutaan "
                "**vahvalla tunnistautumisella**. Se tarkoittaa, että palvelu varmistaa "
                "henkilöllisyytesi.\n\n"
                "### Tavat tunnistautua\n\n"
                "- verkkopankkitunnukset\n"
                "- mobiilivarmenne puhelimessa (kysy omalta puhelinoperaattoriltasi)\n"
                "- varmennekortti, esimerkiksi poliisin myöntämä henkilökortti\n\n"
                "### Jos tunnuksia ei ole\n\n"
                "Kaikki eivät saa heti pankkitunnuksia, esimerkiksi Suomeen vasta "
                "muuttaneet. Kysy ensin omasta pankistasi, mitä asiakirjoja tarvitset. "
                "Voit myös asioida puhelimessa tai palvelupisteessä, ja toinen ihminen voi "
                f"hoitaa asioitasi puolestasi [Suomi.fi-valtuuksilla]({SUOMI}).\n\n"
                "### Apua lähellä\n\n"
                "Kirjastoissa ja asukastiloissa on maksutonta **digitukea**: joku neuvoo "
                "kädestä pitäen. Älä koskaan anna tunnuksiasi toisen käyttöön.",
            ),
            "sv": (
                "Stark autentisering: så använder du FPA:s och sysselsättningstjänsternas "
                "e-tjänster",
                "Du behöver nätbankskoder, mobilcertifikat eller ett certifikatkort. Om du "
                "inte har något av dem finns det hjälp.",
                "Till FPA:s, Jobbmarknad Finlands och Skatteförvaltningens e-tjänster loggar du in "
                "med **stark autentisering**. Det betyder att tjänsten säkerställer din "
                "identitet.\n\n"
                "### Sätt att identifiera sig\n\n"
                "- nätbankskoder\n"
                "- mobilcertifikat i telefonen (fråga din teleoperatör)\n"
                "- certifikatkort, till exempel identitetskort från polisen\n\n"
                "### Om du inte har koder\n\n"
                "Alla får inte genast bankkoder, till exempel de som nyss flyttat till "
                "Finland. Fråga först din bank vilka handlingar du behöver. Du kan också "
                "sköta ärenden per telefon eller på ett serviceställe, och en annan person "
                f"kan sköta dina ärenden med [Suomi.fi-fullmakter]({SUOMI}).\n\n"
                "### Hjälp nära dig\n\n"
                "På bibliotek och i invånarlokaler finns gratis **digistöd**: någon hjälper "
                "dig steg för steg. Ge aldrig dina koder till någon annan.",
            ),
            "en": (
                "Strong identification: using the online services of Kela and the "
                "employment services",
                "You need online banking codes, a mobile certificate or a certificate card. "
                "If you have none of them, help is available.",
                "You sign in to the online services of Kela, Job Market Finland and the Tax "
                "Administration with **strong identification**. It means the service makes "
                "sure who you are.\n\n"
                "### Ways to identify yourself\n\n"
                "- online banking codes\n"
                "- a mobile certificate on your phone (ask your mobile operator)\n"
                "- a certificate card, such as an identity card issued by the police\n\n"
                "### If you have no codes\n\n"
                "Not everyone gets banking codes at once, for example people who have just "
                "moved to Finland. First ask your bank which documents you need. You can "
                "also deal with matters by phone or at a service point, and another person "
                f"can act for you with [Suomi.fi e-Authorizations]({SUOMI}).\n\n"
                "### Help nearby\n\n"
                "Libraries and community centres offer free **digital support**: someone "
                "guides you step by step. Never give your codes to anyone else.",
            ),
            "uk": (
                "Надійна ідентифікація: як користуватися онлайн-сервісами Kela та служби "
                "зайнятості",
                "Потрібні коди інтернет-банку, мобільний сертифікат або картка з "
                "сертифікатом. Якщо їх немає, вам допоможуть.",
                "До онлайн-сервісів Kela, Työmarkkinatori та Податкової служби входять за "
                "допомогою **надійної ідентифікації**. Це означає, що сервіс перевіряє вашу "
                "особу.\n\n"
                "### Способи ідентифікації\n\n"
                "- коди інтернет-банку\n"
                "- мобільний сертифікат у телефоні (запитайте свого оператора)\n"
                "- картка з сертифікатом, наприклад посвідчення особи від поліції\n\n"
                "### Якщо кодів немає\n\n"
                "Не всі одразу отримують банківські коди, наприклад ті, хто щойно переїхав "
                "до Фінляндії. Спершу запитайте у своєму банку, які документи потрібні. "
                "Також можна звернутися телефоном або в пункт обслуговування, а інша людина "
                f"може діяти від вашого імені через [Suomi.fi-valtuudet]({SUOMI}).\n\n"
                "### Допомога поруч\n\n"
                "У бібліотеках і районних центрах є безкоштовна **цифрова підтримка**: вам "
                "допоможуть крок за кроком. Ніколи не передавайте свої коди іншим.",
            ),
        },
    },
]
