import type { IFEVAL_LANGUAGES } from '../checkers/language.ts';

// Plain sentences (no commas) in each language IFEval may ask for, for the simulated answers: an answer "in Hindi"
// is made of these, and langdetect must name the language (checked in test/evals/ifeval/simulated-answers.test.ts).

/** A language code IFEval may ask for. */
export type IfevalLanguage = (typeof IFEVAL_LANGUAGES)[number];

/** Sentences per language, each ending with its own full stop. */
export const LANGUAGE_SENTENCES: Record<Exclude<IfevalLanguage, 'en'>, readonly string[]> = {
  es: [
    'La ciudad despierta temprano y los vecinos caminan hacia el mercado.',
    'El río cruza el valle y riega los campos de trigo.',
    'Los niños juegan en la plaza mientras sus padres conversan.',
    'Por la tarde el cielo se vuelve naranja y la gente vuelve a casa.',
  ],
  pt: [
    'A cidade acorda cedo e os vizinhos caminham até o mercado.',
    'O rio atravessa o vale e molha os campos de trigo.',
    'As crianças brincam na praça enquanto os pais conversam.',
    'No fim da tarde o céu fica laranja e as pessoas voltam para casa.',
  ],
  ar: [
    'تستيقظ المدينة مبكرا ويمشي الجيران إلى السوق.',
    'يعبر النهر الوادي ويسقي حقول القمح.',
    'يلعب الأطفال في الساحة بينما يتحدث آباؤهم.',
    'في المساء تصبح السماء برتقالية ويعود الناس إلى بيوتهم.',
  ],
  hi: [
    'शहर सुबह जल्दी जागता है और पड़ोसी बाज़ार की ओर चलते हैं।',
    'नदी घाटी से होकर बहती है और गेहूँ के खेतों को सींचती है।',
    'बच्चे चौक में खेलते हैं जबकि उनके माता पिता बातें करते हैं।',
    'शाम को आसमान नारंगी हो जाता है और लोग घर लौटते हैं।',
  ],
  fr: [
    'La ville se réveille tôt et les voisins marchent vers le marché.',
    'La rivière traverse la vallée et arrose les champs de blé.',
    'Les enfants jouent sur la place pendant que leurs parents discutent.',
    'Le soir le ciel devient orange et les gens rentrent chez eux.',
  ],
  ru: [
    'Город просыпается рано и соседи идут на рынок.',
    'Река пересекает долину и поливает пшеничные поля.',
    'Дети играют на площади пока их родители разговаривают.',
    'Вечером небо становится оранжевым и люди возвращаются домой.',
  ],
  de: [
    'Die Stadt erwacht früh und die Nachbarn gehen zum Markt.',
    'Der Fluss fließt durch das Tal und bewässert die Weizenfelder.',
    'Die Kinder spielen auf dem Platz während ihre Eltern sich unterhalten.',
    'Am Abend wird der Himmel orange und die Leute gehen nach Hause.',
  ],
  ja: [
    '町は朝早く目を覚まし、近所の人たちは市場へ歩いていきます。',
    '川は谷を流れて小麦畑をうるおしています。',
    '子どもたちは広場で遊び、親たちはおしゃべりをしています。',
    '夕方になると空はオレンジ色になり、人々は家に帰ります。',
  ],
  it: [
    'La città si sveglia presto e i vicini camminano verso il mercato.',
    'Il fiume attraversa la valle e bagna i campi di grano.',
    'I bambini giocano nella piazza mentre i genitori chiacchierano.',
    'La sera il cielo diventa arancione e la gente torna a casa.',
  ],
  bn: [
    'শহর ভোরে জেগে ওঠে এবং প্রতিবেশীরা বাজারের দিকে হাঁটে।',
    'নদী উপত্যকা পেরিয়ে গমের খেতে জল দেয়।',
    'শিশুরা চত্বরে খেলে আর তাদের বাবা মা গল্প করে।',
    'সন্ধ্যায় আকাশ কমলা হয়ে যায় এবং মানুষ বাড়ি ফেরে।',
  ],
  uk: [
    'Місто прокидається рано і сусіди йдуть на ринок.',
    'Річка перетинає долину і поливає пшеничні поля.',
    'Діти граються на майдані поки їхні батьки розмовляють.',
    'Увечері небо стає помаранчевим і люди повертаються додому.',
  ],
  th: [
    'เมืองตื่นแต่เช้าและเพื่อนบ้านเดินไปตลาด',
    'แม่น้ำไหลผ่านหุบเขาและรดน้ำทุ่งข้าวสาลี',
    'เด็กๆ เล่นกันที่ลานกว้างขณะที่พ่อแม่คุยกัน',
    'ตอนเย็นท้องฟ้าเป็นสีส้มและผู้คนกลับบ้าน',
  ],
  ur: [
    'شہر صبح سویرے جاگتا ہے اور پڑوسی بازار کی طرف چلتے ہیں۔',
    'دریا وادی سے گزرتا ہے اور گندم کے کھیتوں کو سیراب کرتا ہے۔',
    'بچے چوک میں کھیلتے ہیں جبکہ ان کے والدین باتیں کرتے ہیں۔',
    'شام کو آسمان نارنجی ہو جاتا ہے اور لوگ گھر واپس جاتے ہیں۔',
  ],
  ta: [
    'நகரம் அதிகாலையில் விழிக்கிறது மற்றும் அண்டை வீட்டார் சந்தைக்கு நடக்கிறார்கள்.',
    'ஆறு பள்ளத்தாக்கின் வழியாக ஓடி கோதுமை வயல்களுக்கு நீர் பாய்ச்சுகிறது.',
    'குழந்தைகள் சதுக்கத்தில் விளையாடுகிறார்கள் அவர்களின் பெற்றோர் பேசிக்கொண்டிருக்கிறார்கள்.',
    'மாலையில் வானம் ஆரஞ்சு நிறமாகிறது மக்கள் வீடு திரும்புகிறார்கள்.',
  ],
  te: [
    'నగరం తెల్లవారుజామునే మేల్కొంటుంది మరియు పొరుగువారు సంతకు నడుస్తారు.',
    'నది లోయ గుండా ప్రవహించి గోధుమ పొలాలకు నీరు ఇస్తుంది.',
    'పిల్లలు చౌకులో ఆడుకుంటారు వారి తల్లిదండ్రులు మాట్లాడుకుంటారు.',
    'సాయంత్రం ఆకాశం నారింజ రంగులోకి మారుతుంది మరియు ప్రజలు ఇంటికి తిరిగి వెళ్తారు.',
  ],
  bg: [
    'Градът се събужда рано и съседите вървят към пазара.',
    'Реката пресича долината и напоява житните полета.',
    'Децата играят на площада докато родителите им си говорят.',
    'Вечерта небето става оранжево и хората се прибират у дома.',
  ],
  ko: [
    '도시는 아침 일찍 깨어나고 이웃들은 시장으로 걸어갑니다.',
    '강은 계곡을 가로질러 밀밭에 물을 줍니다.',
    '아이들은 광장에서 놀고 부모들은 이야기를 나눕니다.',
    '저녁이 되면 하늘은 주황색으로 변하고 사람들은 집으로 돌아갑니다.',
  ],
  pl: [
    'Miasto budzi się wcześnie i sąsiedzi idą na targ.',
    'Rzeka przecina dolinę i nawadnia pola pszenicy.',
    'Dzieci bawią się na placu a ich rodzice rozmawiają.',
    'Wieczorem niebo robi się pomarańczowe i ludzie wracają do domu.',
  ],
  he: [
    'העיר מתעוררת מוקדם והשכנים הולכים לשוק.',
    'הנהר חוצה את העמק ומשקה את שדות החיטה.',
    'הילדים משחקים בכיכר בזמן שההורים שלהם מדברים.',
    'בערב השמיים הופכים לכתומים והאנשים חוזרים הביתה.',
  ],
  fa: [
    'شهر صبح زود بیدار می‌شود و همسایه‌ها به سوی بازار می‌روند.',
    'رودخانه از دره می‌گذرد و مزرعه‌های گندم را آبیاری می‌کند.',
    'کودکان در میدان بازی می‌کنند و پدر و مادرشان با هم حرف می‌زنند.',
    'عصر آسمان نارنجی می‌شود و مردم به خانه برمی‌گردند.',
  ],
  vi: [
    'Thành phố thức dậy sớm và hàng xóm đi bộ ra chợ.',
    'Con sông chảy qua thung lũng và tưới cho những cánh đồng lúa mì.',
    'Trẻ em chơi ở quảng trường trong khi cha mẹ chúng trò chuyện.',
    'Buổi chiều bầu trời chuyển sang màu cam và mọi người trở về nhà.',
  ],
  ne: [
    'सहर बिहानै ब्युँझन्छ र छिमेकीहरू बजारतिर हिँड्छन्।',
    'खोला उपत्यका हुँदै बग्छ र गहुँका खेतहरूमा पानी दिन्छ।',
    'केटाकेटीहरू चोकमा खेल्छन् र उनीहरूका आमाबुबा कुरा गर्छन्।',
    'साँझ आकाश सुन्तला रङको हुन्छ र मानिसहरू घर फर्कन्छन्।',
  ],
  sw: [
    'Mji unaamka mapema na majirani wanatembea kwenda sokoni.',
    'Mto unapita katikati ya bonde na kumwagilia mashamba ya ngano.',
    'Watoto wanacheza uwanjani wakati wazazi wao wanazungumza.',
    'Jioni anga linakuwa la rangi ya chungwa na watu wanarudi nyumbani.',
  ],
  kn: [
    'ನಗರವು ಬೆಳಿಗ್ಗೆ ಬೇಗನೆ ಎಚ್ಚರಗೊಳ್ಳುತ್ತದೆ ಮತ್ತು ನೆರೆಹೊರೆಯವರು ಮಾರುಕಟ್ಟೆಗೆ ನಡೆಯುತ್ತಾರೆ.',
    'ನದಿಯು ಕಣಿವೆಯ ಮೂಲಕ ಹರಿದು ಗೋಧಿ ಹೊಲಗಳಿಗೆ ನೀರುಣಿಸುತ್ತದೆ.',
    'ಮಕ್ಕಳು ಚೌಕದಲ್ಲಿ ಆಡುತ್ತಾರೆ ಮತ್ತು ಅವರ ಪೋಷಕರು ಮಾತನಾಡುತ್ತಾರೆ.',
    'ಸಂಜೆ ಆಕಾಶವು ಕಿತ್ತಳೆ ಬಣ್ಣಕ್ಕೆ ತಿರುಗುತ್ತದೆ ಮತ್ತು ಜನರು ಮನೆಗೆ ಹಿಂತಿರುಗುತ್ತಾರೆ.',
  ],
  mr: [
    'शहर सकाळी लवकर जागे होते आणि शेजारी बाजाराकडे चालत जातात.',
    'नदी दरीतून वाहते आणि गव्हाच्या शेतांना पाणी देते.',
    'मुले चौकात खेळतात आणि त्यांचे आईवडील गप्पा मारतात.',
    'संध्याकाळी आकाश केशरी होते आणि लोक घरी परत जातात.',
  ],
  gu: [
    'શહેર વહેલી સવારે જાગે છે અને પડોશીઓ બજાર તરફ ચાલે છે.',
    'નદી ખીણમાંથી વહે છે અને ઘઉંના ખેતરોને પાણી આપે છે.',
    'બાળકો ચોકમાં રમે છે અને તેમના માતાપિતા વાતો કરે છે.',
    'સાંજે આકાશ નારંગી થઈ જાય છે અને લોકો ઘરે પાછા ફરે છે.',
  ],
  pa: [
    'ਸ਼ਹਿਰ ਸਵੇਰੇ ਜਲਦੀ ਜਾਗਦਾ ਹੈ ਅਤੇ ਗੁਆਂਢੀ ਬਾਜ਼ਾਰ ਵੱਲ ਤੁਰਦੇ ਹਨ।',
    'ਦਰਿਆ ਵਾਦੀ ਵਿੱਚੋਂ ਵਗਦਾ ਹੈ ਅਤੇ ਕਣਕ ਦੇ ਖੇਤਾਂ ਨੂੰ ਪਾਣੀ ਦਿੰਦਾ ਹੈ।',
    'ਬੱਚੇ ਚੌਕ ਵਿੱਚ ਖੇਡਦੇ ਹਨ ਅਤੇ ਉਨ੍ਹਾਂ ਦੇ ਮਾਪੇ ਗੱਲਾਂ ਕਰਦੇ ਹਨ।',
    'ਸ਼ਾਮ ਨੂੰ ਅਸਮਾਨ ਸੰਤਰੀ ਹੋ ਜਾਂਦਾ ਹੈ ਅਤੇ ਲੋਕ ਘਰ ਵਾਪਸ ਜਾਂਦੇ ਹਨ।',
  ],
  ml: [
    'നഗരം അതിരാവിലെ ഉണരുന്നു അയൽക്കാർ ചന്തയിലേക്ക് നടക്കുന്നു.',
    'പുഴ താഴ്വരയിലൂടെ ഒഴുകി ഗോതമ്പ് വയലുകൾ നനയ്ക്കുന്നു.',
    'കുട്ടികൾ മൈതാനത്ത് കളിക്കുന്നു അവരുടെ മാതാപിതാക്കൾ സംസാരിക്കുന്നു.',
    'വൈകുന്നേരം ആകാശം ഓറഞ്ച് നിറമാകുന്നു ആളുകൾ വീട്ടിലേക്ക് മടങ്ങുന്നു.',
  ],
  fi: [
    'Kaupunki herää aikaisin ja naapurit kävelevät torille.',
    'Joki virtaa laakson läpi ja kastelee vehnäpeltoja.',
    'Lapset leikkivät aukiolla sillä aikaa kun heidän vanhempansa juttelevat.',
    'Illalla taivas muuttuu oranssiksi ja ihmiset palaavat kotiin.',
  ],
};
