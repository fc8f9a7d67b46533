// Word lists for what `compromise` does not know about a teen's life: subjects, activities, events, feelings, places.
//
// Each list maps the surface forms teens type to one canonical name, so that the offline extractor and
// canonicalEntityKey agree: "chem" and "chemistry" are one Topic, "swim" and "swimming" one Activity.

const forms = (entries: Record<string, string>): ReadonlyMap<string, string> => {
  const map = new Map<string, string>();
  for (const [name, synonyms] of Object.entries(entries)) {
    map.set(name, name);
    for (const synonym of synonyms.split(/\s*,\s*/).filter(Boolean)) map.set(synonym, name);
  }
  return map;
};

/** School subjects (Topic). "art", "music" and "gym" count only as "<x> class": bare, they are hobbies or places. */
export const SUBJECTS = forms({
  math: "maths, mathematics",
  algebra: "",
  geometry: "",
  calculus: "calc",
  precalculus: "precalc, pre-calc",
  trigonometry: "trig",
  statistics: "stats",
  chemistry: "chem",
  biology: "bio",
  physics: "",
  science: "",
  "earth science": "",
  history: "",
  "world history": "",
  "us history": "apush",
  english: "",
  literature: "",
  spanish: "",
  french: "",
  german: "",
  latin: "",
  chinese: "mandarin",
  japanese: "",
  psychology: "",
  economics: "econ",
  government: "",
  civics: "",
  "computer science": "compsci, comp sci",
  "social studies": "",
});

/** Subjects that are also hobbies or places: a Topic only when followed by "class". */
export const CLASS_ONLY_SUBJECTS = forms({ art: "", music: "", gym: "pe", drama: "", theater: "theatre", band: "", choir: "", dance: "", photography: "", health: "" });

/** Prefixes that are part of a class's name ("AP Bio", "honors chem"). */
export const CLASS_PREFIXES = new Set(["ap", "honors", "ib"]);

/** Sports, instruments and hobbies (Activity), each with the verb and gerund forms that mean the same thing. */
export const ACTIVITIES = forms({
  soccer: "",
  football: "",
  basketball: "bball",
  baseball: "",
  softball: "",
  volleyball: "vball",
  tennis: "",
  golf: "",
  hockey: "",
  lacrosse: "lax",
  track: "track and field",
  "cross country": "xc",
  swimming: "swim",
  wrestling: "",
  gymnastics: "",
  cheer: "cheerleading",
  dance: "dancing, ballet",
  running: "",
  skateboarding: "skating, skateboard",
  snowboarding: "",
  skiing: "",
  surfing: "",
  boxing: "",
  karate: "martial arts, taekwondo, jiu jitsu",
  yoga: "",
  piano: "",
  guitar: "",
  violin: "",
  drums: "drum",
  cello: "",
  flute: "",
  saxophone: "sax",
  trumpet: "",
  singing: "",
  choir: "",
  band: "",
  orchestra: "",
  theater: "theatre, drama",
  drawing: "draw",
  painting: "paint",
  photography: "",
  writing: "",
  coding: "programming",
  chess: "",
  "video games": "video game, gaming, videogames",
  fishing: "",
  hiking: "",
  camping: "",
  baking: "",
  cooking: "",
  knitting: "",
  crochet: "crocheting",
  volunteering: "volunteer",
  meditation: "meditating, meditate",
  journaling: "",
  anime: "",
  "debate": "",
  "robotics": "",
});

/**
 * Activity words that are also everyday verbs or nouns ("I run to class", "a band", "my drawing"): they
 * count only in a clear activity frame (play/do/practice X, X practice, X team, quitting X).
 */
export const FRAMED_ACTIVITIES = new Set(["running", "writing", "band", "singing", "cooking", "baking", "drawing", "painting", "dance", "track", "cheer", "debate", "robotics", "anime", "camping", "volunteering", "meditation", "journaling", "theater"]);

/** Level words that belong to a team's name ("varsity soccer team", "JV volleyball"). */
export const TEAM_LEVELS = new Set(["varsity", "jv", "junior varsity", "club", "travel", "school", "middle school", "high school"]);

/** Happenings with a date (Event). Plurals fold in canonicalEntityKey; abbreviations fold here. */
export const EVENTS = forms({
  test: "",
  exam: "",
  quiz: "",
  final: "finals",
  midterm: "midterms",
  presentation: "",
  dance: "",
  prom: "",
  homecoming: "hoco",
  formal: "",
  party: "",
  birthday: "bday, b-day",
  sleepover: "",
  concert: "",
  recital: "",
  game: "",
  match: "",
  meet: "",
  tournament: "tourney",
  tryouts: "tryout, try-outs, try outs",
  audition: "auditions",
  competition: "comp",
  meeting: "",
  appointment: "appt",
  interview: "",
  trip: "",
  "field trip": "",
  graduation: "",
  wedding: "",
  funeral: "",
  show: "",
  sat: "",
  act: "",
  psat: "",
  "winter break": "christmas break, xmas break, holiday break",
  "thanksgiving break": "",
  "spring break": "",
  "summer break": "summer vacation",
  "fall break": "",
  thanksgiving: "",
  christmas: "xmas",
  halloween: "",
  easter: "",
  hanukkah: "",
  diwali: "",
  eid: "",
  quinceanera: "quince, quinceañera",
  "bar mitzvah": "bat mitzvah",
  playoffs: "playoff",
  championship: "",
  scrimmage: "",
  banquet: "",
  fair: "",
  festival: "",
  mock: "mocks, mock exam, mock exams",
  qualifier: "qualifiers",
  conference: "conferences",
  season: "",
  shift: "",
  rehearsal: "rehearsals",
  play: "",
  musical: "",
  surgery: "operation",
  breakup: "break up, break-up",
  anniversary: "",
  posada: "posadas",
  friendsgiving: "",
  nikah: "",
  baptism: "christening",
  "baby shower": "",
  "court date": "",
  hearing: "",
  "open mic": "",
  "weigh in": "weigh ins, weigh-ins, weigh-in",
  fight: "",
  concussion: "",
  birth: "",
  visit: "",
  regionals: "regional",
  states: "",
  sectionals: "sectional",
  nationals: "",
  districts: "",
  "opening night": "",
  premiere: "",
  orientation: "",
  reunion: "",
  retreat: "",
  parade: "",
  protest: "",
  fundraiser: "",
  showcase: "",
  deployment: "",
  dissection: "",
  "science fair": "",
  "pep rally": "",
  "senior night": "",
  "signing day": "",
  "first communion": "communion",
  confirmation: "",
  "bat mitzvah": "",
  memorial: "",
  "open house": "",
});

/** Event nouns that need an article or possessive before them to be an event ("the game", "my show"). */
export const DETERMINED_EVENTS = new Set(["game", "match", "meet", "show", "fair", "trip", "formal", "meeting", "act", "dance", "final", "competition", "play", "season", "shift", "fight", "birth", "visit", "hearing", "states", "confirmation", "memorial", "parade", "protest", "conference"]);

/** Standardised tests that teens write in capitals; only the capitalised form counts ("the SAT", not "sat"). */
export const CAPITALISED_EVENTS = new Set(["sat", "act", "psat"]);

/** Words that may qualify an event's name ("math test", "band concert", "driving test", "school show"). */
export const EVENT_MODIFIERS = new Set([
  "school", "band", "choir", "orchestra", "art", "science", "talent", "driving", "road", "permit", "dance", "piano", "guitar",
  "violin", "birthday", "winter", "spring", "summer", "fall", "field", "pep", "home", "away", "championship", "state", "regional",
  "final", "unit", "pop", "practice", "end-of-year", "surprise", "pool", "halloween", "christmas", "holiday", "family",
  "job", "college", "county", "parent", "teacher", "parent-teacher", "custody", "exchange", "heart", "knee", "gsa", "club", "team", "debate",
  "robotics", "mock", "talent", "baby", "court", "sweet", "bridal", "senior", "spring", "opening", "graduation", "wrestling",
  "closing", "morning", "night", "double", "weekend", "summer", "livestock", "release",
]);

/** Feelings (Feeling), each folded to the word most teens use for it. */
export const FEELINGS = forms({
  nervous: "",
  anxious: "",
  stressed: "stressed out, stressy",
  worried: "",
  scared: "afraid, terrified, frightened",
  lonely: "",
  alone: "",
  sad: "",
  depressed: "",
  down: "",
  upset: "",
  angry: "",
  mad: "pissed, pissed off",
  annoyed: "irritated",
  frustrated: "",
  happy: "",
  excited: "hyped, pumped",
  proud: "",
  grateful: "thankful",
  hopeful: "",
  calm: "",
  relieved: "",
  tired: "",
  exhausted: "drained",
  "burnt out": "burned out",
  overwhelmed: "",
  bored: "",
  jealous: "",
  embarrassed: "",
  ashamed: "",
  guilty: "",
  confused: "",
  hurt: "",
  "left out": "",
  insecure: "",
  lost: "",
  hopeless: "",
  empty: "",
  numb: "",
  ugly: "",
  stupid: "",
  awkward: "",
  homesick: "",
  heartbroken: "",
  betrayed: "",
  ignored: "",
  confident: "",
  motivated: "",
  better: "",
  good: "",
  great: "",
  bad: "",
  terrible: "awful",
});

/** Feeling words too vague to store alone ("good", "bad"): kept only after "feel"/"feeling". */
export const WEAK_FEELINGS = new Set(["good", "great", "bad", "better", "down", "lost", "alone", "empty", "hurt", "stupid", "ugly", "terrible"]);

/** Ordinary places teens go (Place); each must follow an article or preposition to count. */
export const PLACES = forms({
  mall: "",
  skatepark: "skate park",
  park: "",
  beach: "",
  hospital: "",
  library: "",
  gym: "",
  church: "",
  mosque: "",
  temple: "",
  synagogue: "",
  pool: "",
  arcade: "",
  cafeteria: "caf",
  "animal shelter": "",
  movies: "movie theater, cinema",
  "ice rink": "rink",
  lake: "",
  camp: "",
  "rec center": "",
  dentist: "",
  "doctor's office": "",
  "principal's office": "",
  "nurse's office": "",
  "counselor's office": "",
});

/** Animals whose name follows them ("my dog Biscuit"): a named pet is a Thing. */
export const PETS = new Set(["dog", "cat", "puppy", "kitten", "hamster", "bunny", "rabbit", "bird", "fish", "turtle", "horse", "lizard", "snake", "parrot", "guinea pig", "ferret", "gecko"]);

/** School-name endings: "Lincoln High", "Roosevelt Middle School", "Oak Ridge Academy". */
export const SCHOOL_SUFFIXES = ["high school", "middle school", "elementary school", "elementary", "high", "middle", "academy", "prep", "college", "university"];

/** Verb forms of activities: "I draw at night" is drawing. Named by the activity, not the verb. */
export const ACTIVITY_VERBS = new Set(["draw", "paint", "swim", "skate", "skateboard", "sing", "dance", "code", "meditate", "volunteer", "crochet", "dancing", "skating"]);
