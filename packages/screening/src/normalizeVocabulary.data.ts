// Data the normaliser repairs words with: the words a disguised spelling is resolved to, known misspellings, emoji read as words and look-alike letters.

/**
 * Words a masked, leetspeak, stretched, vowel-less or misspelt token may be resolved to, most
 * safety-relevant first: when a disguised token fits several ("d*e"), the earlier word wins.
 * English and Spanish (without accents, as foldText leaves them).
 */
export const RISK_WORDS: readonly string[] = [
  "die", "dying", "died", "dead", "death", "kill", "killing", "killed", "myself", "yourself", "self", "harm", "suicide", "suicidal",
  "unalive", "overdose", "overdosed", "pills", "pill", "meds", "rope", "noose", "hang", "hanging", "bridge", "jump", "cut", "cutting",
  "cuts", "blade", "blades", "razor", "scars", "bleed", "bleeding", "blood", "knife", "gun", "end", "ending", "life", "live", "living",
  "alive", "exist", "existing", "disappear", "gone", "goodbye", "bye", "forever", "anymore", "nobody", "notice", "care", "miss",
  "burden", "worthless", "hopeless", "pointless", "useless", "tired", "numb", "empty", "alone", "hate", "want", "going", "sleep", "wake",
  "never", "again", "tonight", "letters", "note", "stuff", "belongings", "pain", "painless", "deserve", "better", "without", "point",
  "reason", "help", "please", "sorry", "hurt", "hurting", "starve", "purge", "scratch", "scratching", "burn", "burning", "bleach",
  "morir", "muero", "muerto", "muerta", "muerte", "matarme", "suicidio", "suicidarme", "desaparecer", "vivir", "vida", "ganas",
  "aguanto", "nadie", "pastillas", "cortarme", "cortes", "adios", "siempre", "quiero", "nada", "sentido", "odio", "cansado", "cansada",
];

/** Short everyday words, so stretched ("noooo"), vowel-less and joined-up ("iwanttodie") text can be read back. */
export const COMMON_WORDS: readonly string[] = [
  "i", "a", "to", "me", "my", "the", "and", "is", "it", "of", "in", "am", "im", "you", "not", "no", "yes", "be", "do", "dont", "cant",
  "go", "all", "this", "that", "for", "on", "with", "just", "so", "what", "how", "can", "will", "would", "should", "now", "here", "why",
  "ok", "okay", "lol", "omg", "yeah", "yay", "hi", "hey", "hello", "love", "good", "bad", "sad", "mad", "fun", "wow", "ugh", "oh", "nice",
  "really", "very", "too", "cool", "mom", "dad", "school", "today", "time", "day", "night", "sure", "what", "whats", "bored", "one",
  "everyone", "anyone", "someone", "about", "like", "think", "feel", "know", "tell", "get", "got", "need", "wish", "could", "us", "them",
  "si", "no", "ya", "que", "me", "yo", "mi", "por", "para", "con", "todo", "todos", "mas", "muy", "hola", "bien", "mal",
];

/** Misspellings seen in teens' messages, read as the word meant (texting forms live in normalize.ts's SLANG). */
export const MISSPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries({
  mysef: "myself",
  mysel: "myself",
  mysefl: "myself",
  myseld: "myself",
  mysself: "myself",
  myselv: "myself",
  meslf: "myself",
  sucide: "suicide",
  suiside: "suicide",
  suicde: "suicide",
  suacide: "suicide",
  suiscide: "suicide",
  suecide: "suicide",
  sueside: "suicide",
  suicid: "suicide",
  sucidal: "suicidal",
  suisidal: "suicidal",
  suicdal: "suicidal",
  suicidial: "suicidal",
  sucidial: "suicidal",
  suicidle: "suicidal",
  suecidal: "suicidal",
  dieing: "dying",
  dyin: "dying",
  ded: "dead",
  unalve: "unalive",
  unalivee: "unalive",
  overdoze: "overdose",
  ovrdose: "overdose",
  overdos: "overdose",
  pils: "pills",
  pilz: "pills",
  goodby: "goodbye",
  goodbey: "goodbye",
  gudbye: "goodbye",
  anymor: "anymore",
  nomore: "no more",
  nobdy: "nobody",
  noboby: "nobody",
  worthles: "worthless",
  hopless: "hopeless",
  hopeles: "hopeless",
  dissapear: "disappear",
  disapear: "disappear",
  dissappear: "disappear",
  exsist: "exist",
  exhist: "exist",
  tonite: "tonight",
  "2nite": "tonight",
  "2night": "tonight",
  "4ever": "forever",
  "2day": "today",
  b4: "before",
  gr8: "great",
  h8: "hate",
  l8r: "later",
  wnt: "want",
  jst: "just",
  suisidio: "suicidio",
  sucidio: "suicidio",
  kiero: "quiero",
  qiero: "quiero",
  kero: "quiero",
  nadien: "nadie",
}));

/** Emoji that carry meaning for screening, read as the words they stand for; every other emoji is left as it is. */
export const EMOJI_WORDS: Readonly<Record<string, string>> = {
  "\u{1FAA6}": "grave", // 🪦
  "\u26B0": "coffin", // ⚰
  "\u26B1": "urn", // ⚱
  "\u{1F52A}": "knife", // 🔪
  "\u{1F5E1}": "knife", // 🗡
  "\u{1FA92}": "razor", // 🪒
  "\u2702": "scissors", // ✂
  "\u{1F48A}": "pills", // 💊
  "\u{1F489}": "needle", // 💉
  "\u{1F309}": "bridge", // 🌉
  "\u{1F301}": "bridge", // 🌁
  "\u{1F52B}": "gun", // 🔫
  "\u{1FA78}": "blood", // 🩸
  "\u{1FAA2}": "rope", // 🪢
  "\u{1F480}": "skull", // 💀
  "\u2620": "skull", // ☠
  "\u{1F940}": "wilted flower", // 🥀
  "\u{1F494}": "broken heart", // 💔
  "\u{1F5A4}": "black heart", // 🖤
  "\u{1F62D}": "sobbing", // 😭
  "\u{1F622}": "crying", // 😢
  "\u{1F614}": "sad", // 😔
  "\u{1F61E}": "sad", // 😞
  "\u{1F625}": "sad", // 😥
  "\u{1F629}": "weary", // 😩
  "\u{1F62B}": "tired", // 😫
  "\u{1F636}": "blank", // 😶
  "\u{1F643}": "upside down face", // 🙃
  "\u{1F642}": "slight smile", // 🙂
  "\u{1F44B}": "waving", // 👋
  "\u{1FAE0}": "melting", // 🫠
  "\u{1F602}": "laughing", // 😂
  "\u{1F923}": "laughing", // 🤣
  "\u{1F606}": "laughing", // 😆
  "\u{1F682}": "train", // 🚂
  "\u{1F686}": "train", // 🚆
  "\u{1F684}": "train", // 🚄
  "\u{1F688}": "train", // 🚈
  "\u{1F3E2}": "building", // 🏢
  "\u{1F3D9}": "buildings", // 🏙
  "\u{1F30A}": "water", // 🌊
  "\u{1F573}": "hole", // 🕳
  "\u26D3": "chains", // ⛓
  "\u{1F691}": "ambulance", // 🚑
  "\u{1F3E5}": "hospital", // 🏥
  "\u{1F198}": "sos", // 🆘
  "\u{1F4A4}": "sleep", // 💤
  "\u{1F634}": "sleeping", // 😴
  "\u{1F6CC}": "sleeping", // 🛌
  "\u{1F4DD}": "note", // 📝
  "\u2709": "letter", // ✉
  "\u{1F48C}": "letter", // 💌
  "\u{1F381}": "gift", // 🎁
  "\u{1F635}": "dizzy face", // 😵
  "\u{1F972}": "smiling through tears", // 🥲
  "\u{1F61F}": "worried", // 😟
  "\u{1F630}": "anxious", // 😰
  "\u{1F628}": "scared", // 😨
  "\u{1F97A}": "pleading", // 🥺
  "\u2764": "heart", // ❤
  "\u{1FA79}": "bandage", // 🩹
  "\u{1F525}": "fire", // 🔥
  "\u{1F4AF}": "hundred", // 💯
  "\u{1F64F}": "please", // 🙏
};

/**
 * Letters from other scripts that look like Latin ones ("kіll" with a Cyrillic і). Read as Latin only
 * inside words that also hold Latin letters, or in a message that is otherwise Latin, so Russian or
 * Greek text stays what it is.
 */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
  "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɩ": "i", "ь": "b", "п": "n", "г": "r", "л": "n",
  // Greek
  "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "ν": "v", "χ": "x", "ω": "w", "η": "n",
  "μ": "u", "ς": "s", "σ": "o", "γ": "y", "λ": "a",
  // Latin look-alikes NFKD does not fold
  "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ɡ": "g", "ɑ": "a", "ʟ": "l", "ᴋ": "k", "ɪ": "i", "ᴇ": "e", "ᴅ": "d",
  "ß": "ss", "æ": "ae", "œ": "oe", "ƚ": "l", "ɛ": "e", "ɔ": "o", "ǝ": "e",
};
