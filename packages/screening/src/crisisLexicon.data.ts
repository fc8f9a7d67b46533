// The versioned crisis and self-harm lexicon: data only, reviewed and bumped as a unit so every verdict can name the list it was judged by.

/**
 * Bump on every change to the entries below (year.month.revision). Verdicts carry it, so a
 * reviewer can tell which list judged a message and replay old messages against a new list.
 */
export const CRISIS_LEXICON_VERSION = "2026.12.17";

/**
 * How an entry relates to the person writing it, which decides the action:
 * - self: the writer's own ideation or behaviour ("i want to die", "i've been cutting again")
 * - method: asking about or describing a way to die or self-harm
 * - mention: the topic named without saying whose it is ("suicide", "self harm")
 * - told: someone told the writer to die ("they keep telling me to kys")
 * - disclosure: the writer is being abused
 * - someone: someone the writer knows means to die or is hurting themselves ("my friend wants to kill herself")
 * A teen's message on any of them but `someone` is a crisis; on `someone`, the teen is the one who can help: the words
 * about the friend count for no other entry, and the message is a concern, answered with how to help the friend, unless
 * the writer's own words elsewhere in it or the classifier make it a crisis. A model's
 * reply may mention the topic, or name another's words, while helping; it must never speak as the one in crisis or give
 * a method.
 */
export type CrisisStance = "self" | "method" | "mention" | "told" | "disclosure" | "someone";

export interface CrisisLexiconEntry {
  /** Stable id, part of every match's ruleId: rename only with a version bump. */
  id: string;
  category: "crisis" | "self_harm";
  stance: CrisisStance;
  /**
   * Regular expressions over the matching form (see normalize.ts: lowercase, apostrophes dropped,
   * slang expanded, single spaces, " . " at a clause end). A space stands for an optional space,
   * so "kill myself" also finds "killmyself"; word edges are added around each pattern.
   * Macros (lexiconPattern.ts): {me} myself, {you} yourself, {adv} optional adverbs, {end} the end of a clause,
   * {video_games} the games named when dying is play.
   */
  patterns: readonly string[];
  /**
   * Matched in the whole text, with the words about someone the writer knows left in, as being told to die and a
   * disclosure are: the entry names the writer through those words ("my friend wants to die and so do i").
   */
  joinsSomeone?: true;
}

/** Words that, anywhere later in the clause (up to its " . "), make a match something else. */
function notLaterInTheClause(words: string): string {
  return `(?![^.]*\\b(${words})\\b)`;
}

/** Words that, anywhere in the message (a lookbehind from the start of the form), make a match something else. */
function notAnywhere(words: string): string {
  return `(?<!^(?=.*\\b(${words})\\b).*)`;
}

// Word lists and fragments that several patterns share, written once.
// Themselves, of a friend: "my friend cuts herself".
const EN_THEMSELVES = "herself|himself|themselves|themself";
// What is high enough to fall from: "off a bridge", "the roof of the parking garage".
const EN_HIGH_PLACES = "bridge|roof|rooftop|building|overpass|parking garage|balcony|cliff";
// The writer, saying what they will or should do: "i will", "should i", "i might".
const EN_I_WILL_OR_SHOULD = "i|i m|i am|i ll|ill|i will|i should|should i|i might";
// Ceasing to be, wished for: "i want to disappear", "wish i could stop existing".
const EN_DISAPPEAR = "disappear|vanish|stop existing|not exist|cease to exist";
// The medicines teens ask a lethal count of: "how many tylenol".
const EN_PILLS_ASKED_ABOUT = "pills|tablets|meds|sleeping pills|tylenol|advil|ibuprofen|paracetamol|painkillers|xanax";
// Whether anyone lives through a fall: "can u die from", "could someone survive".
const EN_CAN_SOMEONE_SURVIVE = "(can|could|would|will|do|does) (you|i|someone|somebody|a person|people|anyone|u) (die|survive|live|make it)";
// A bag over the head: "a plastic bag", "the ziploc bag".
const EN_A_PLASTIC_BAG = "(a |the )?(plastic |trash |garbage |zip ?lock |ziploc )?bag";
// Poisons a teen asks how to buy or says they have.
const EN_POISONS = "(cyanide|arsenic|strychnine)";
// A relative's, typed without an apostrophe: "my dads gun safe".
const EN_A_RELATIVES = "(dads|moms|parents|stepdads|grandpas|uncles|brothers|familys)";
// Photos or videos, asked for or sent, in Spanish.
const ES_PHOTOS = "fotos|fotografias|fotitos|videos";
// Killing oneself on a motorbike or a skateboard is riding it recklessly: "se va a matar en esa moto".
const ES_NOT_RIDING = "(?! (en|con) (esa|ese|la|el|su|una|un) (moto|carro|bici|coche|patineta|camioneta))";
// Dying or killing oneself in a game: "me mato en minecraft".
const ES_NOT_IN_A_GAME = "(?! (en|del) ({video_games}|el juego|un juego|hardcore))";
// Dying of laughter or killing oneself with work, not meant: "me muero de risa", "me mato estudiando".
const ES_LAUGHING_OR_WORKING = "de risa|de la risa|estudiando|trabajando|entrenando";
// Dying of laughter, shame or hunger, not meant: "me quiero morir de verguenza".
const ES_OF_LAUGHTER_OR_SHAME = "de risa|de la risa|de verguenza|de la verguenza|de pena|de la pena|de cringe|de hambre|de sueno";
// Wanting, thinking of or deciding on, before the verb with its clitic after it: "quiero suicidarme", "he pensado en matarme".
const ES_WANTS_OR_THINKS_OF = "(quiero|quisiera|queria|necesito|tengo ganas de|ganas de|deseo|pienso en|estoy pensando en|pensando en|he pensado en|decidi|voy a) {esadv}";
// A cut from paper or in the kitchen, or of hair, nails or a beard, named anywhere in the message.
const ES_NOT_A_PAPER_KITCHEN_OR_HAIR_CUT = notAnywhere("papel|hoja|cocinando|cuchillo|pelo|unas|fleco|barba|dedo|cocina");
// A train or a bus coming: "when the train comes", "as the bus goes past".
const EN_COMES_BY = "(comes|pulls in|arrives|goes|passes|comes in|goes past|goes by|comes through|speeds)";
// The pills a whole supply is of: "el frasco de mis pastillas", "todas las pastillas".
const ES_OF_THE_PILLS = "( de)? (las |mis |los |el |la )?(pastillas|pildoras|medicinas|medicamentos|somniferos|calmantes|antidepresivos)";
// Whether anyone would care if the writer were gone: "nobody would even notice if i disappeared".
const EN_CARE_IF_I = "(even )?(care|notice|miss me) if i";
// The writer gone or dead, in what would follow: "if i died", "if i wasnt here".
const EN_GONE_OR_DEAD = "died|was gone|were gone|disappeared|was dead|wasnt here";
// All of one's things, or nearly: "todas mis cosas", "casi todos mis juegos".
const ES_ALL_OF = "(todas |todos |casi todas |casi todos )?";
// Dying of laughter, heat or boredom, not meant: "la palmo de risa".
const ES_LAUGHTER_OR_HEAT = "risa|calor|hambre|sueno|aburrimiento|cansancio";
// Picked out, of a place and a date: "i've picked the bridge and the date".
const EN_PICKED = "(picked|chose|chosen|decided on|settled on|picked out)";
// A height counted in floors: "5 stories", "ten floors".
const EN_A_NUMBER_OF_FLOORS = "(\\d+|five|six|seven|eight|nine|ten|twelve|twenty) (floors|stories|storeys)";
// The wish to die said whole, before or after having no more strength: "ya no puedo, me quiero morir".
const ES_I_WANT_TO_DIE = "(me quiero morir|quiero morirme|me quiero matar|quiero matarme)";
// What an app deletes by itself: "self delete messages", "the snaps self delete".
const EN_DISAPPEARING_MESSAGES = "messages?|msgs?|snaps?|texts?|chats?|photos?|pics?|posts?|stories|story";
// What else hangs from a beam at home: a swing, a hammock, a punching bag, a plant, lights, a piñata.
const ES_HUNG_AT_HOME = "columpio|hamaca|saco|costal|planta|maceta|luces|pinata|adorno";
// What else hangs from a beam for a chore or a sport: a bike, the washing, a lamp, a trapeze or silks, a climbing rope.
const ES_HUNG_FOR_A_CHORE_OR_A_SPORT = "bici|bicicleta|tendedero|ropa|foco|lampara|trapecio|tela|telas|cortina|cortinas|escalar|escalada|gimnasio|gym|polea";

// Who a disclosure names, written as families rather than sentences. Hitting is named of the grown-ups and partners
// in a teen's life; a touch, abuse or a threat of anyone in the household too (brothers and cousins wrestle and hit,
// and saying so is not a disclosure).
const EN_GROWN_UPS =
  "(dad|daddy|mom|mommy|mum|father|mother|step ?dad|step ?mom|step ?mum|step ?father|step ?mother|parents|boyfriend|girlfriend|bf|gf|uncle|aunt|auntie|grandpa|grandma|grandfather|grandmother|coach|teacher|tutor|neighbou?r|babysitter|pastor|priest|(moms|mums|dads) (boyfriend|girlfriend|husband|wife))";
const EN_HOUSEHOLD = EN_GROWN_UPS.replace("(dad|", "(brother|sister|step ?brother|step ?sister|cousin|dad|");
const ES_GROWN_UPS =
  "(papa|papi|padre|mama|mami|madre|papas|padres|padrastro|madrastra|tio|tia|abuelo|abuela|novio|novia|ex|pareja|entrenador|entrenadora|coach|maestro|maestra|profe|profesor|profesora|vecino|vecina|padrino|madrina|(novio|esposo|pareja|novia|esposa) de mi (mama|papa))";
const ES_HOUSEHOLD = ES_GROWN_UPS.replace("(papa|", "(hermano|hermana|hermanastro|hermanastra|primo|prima|cunado|cunada|papa|");
// Words that stand between who and what: "mi papá a veces me pega", "mi tío siempre me toca", "mi papá a mí me pega".
const ES_WHEN =
  "((siempre|a veces|todavia|aun|ya|you|diario|seguido|luego|nomas|tambien|de nuevo|otra vez|a mi|cuando toma|cuando bebe|cuando se enoja|cuando esta borracho|cuando no hay nadie) )*";
const ES_NAKED = "(desnuda|desnudo|desnudas|desnudos|sin ropa|intimas|intimos|en ropa interior|de mi cuerpo|de mis partes|hot)";
const ES_SEXUAL_ACT = `((mandarle|enviarle|pasarle|mandar|enviar|pasar|tomarme|sacarme) (${ES_PHOTOS}|nudes|packs?)|tocarlo|tocarla|tocarle|tocarme|besarlo|besarla|tener (sexo|relaciones)|acostarme con|desnudarme|quitarme la ropa|hacer cosas (que no quiero|sexuales))`;
// Someone a teen knows, said with "my": a friend, a sibling, a classmate; "she", "he" or "they" alone may be a character.
const EN_SOMEONE_I_KNOW =
  "(?<!(me|i) (and|n|&) )(my|our) (best |close |old |online |closest |older |younger |little |big )?(friend|friends|bff|bestie|bf|gf|boyfriend|girlfriend|sister|brother|cousin|classmate|teammate|roommate|ex|crush|lab partner|twin|mom|mum|mother|dad|father|step ?mom|step ?mum|step ?dad|parent|parents|aunt|uncle|grandma|grandpa)( from [a-z]+)?";
// Words that stand between who and what: "my friend from camp literally just said", "my sister keeps saying".
// A pronoun may take the friend up again: "my boyfriend, he told me he self harms".
const EN_BETWEEN = "((literally|just|really|always|still|even|kinda|like|lowkey|actually|again|he|she|they|shes|hes|theyre|theyve|told me( that)?|told me she|told me he|told me they) )*";
// What they said, threatened or did, before doing it to themselves ("said she would", "keeps threatening to", "tried to").
const EN_THEY_SAY =
  "(wants|want|wanted|is going|are going|s going|was going|is gonna|s gonna|keeps saying|kept saying|talks about|is talking about|keeps talking about|is thinking about|thinks about|keeps thinking about|jokes about|joked about|is joking about|keeps joking about|makes jokes about|tried|is trying|has been trying|threatened|threatens|is threatening|keeps threatening|said|says|told me|texted me|texted|dmd me|posted)";
const EN_THEY_WILL = "((s|is|are|was|were|wants|wanted|want|is going|are going|s going|gonna|would|will|might|d|ll|could) )?";
// A verb of killing aimed at someone else, said in jest ("i will unalive whoever spoiled the finale"), is not the writer's
// own; "unalive my self" still is (the lexicon's spaces are optional, so "my" is followed by a space or none, then "self").
const EN_NOT_SOMEONE_ELSE =
  "(?! (him|her|them|you|u|ya|yall|his|their|your|ur|(the|this|that|these|those)(?! (second|moment|minute|instant|day|weekend|weekends|week|morning|afternoon|evening|night|time|year|summer|semester|month|term|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|winter|fall)\\b)|every ?one|every ?body|some ?one|some ?body|who ?ever|people|all of (you|them|yall))\\b| my\\b(?!\\s?self\\b))";
// Cutting one's hair or nails, some slack or a slice, burning oneself out, or getting hurt at work or a game, is not self-harm.
const EN_NOT_GROOMING = "(?! (out|off|at work|at practice|playing)\\b| ((some|a|her|his|their) )?(slack|bangs|hair|fringe|break|nails|slice|piece))";
// Who says it, where being told to die is what it is: a person, not a song, a game or a book.
const PEOPLE_CLOSE = "mom|mum|mother|dad|father|parents|stepdad|stepmom|step dad|step mom|brother|sister|ex|grandma|grandpa|aunt|uncle|cousin|boyfriend|girlfriend|bf|gf|everyone|everybody";
const TOLD_BY = `(he|she|they|someone|somebody|people|everyone|everybody|this (guy|girl|kid|boy)|a (guy|girl|kid|boy)|my (${PEOPLE_CLOSE}|friend|friends|classmate|classmates|teacher|coach|bully|bullies))`;
// Said in jest or of something else: for that play, dying laughing, to unlock an achievement, "die your hair", in a game.
const NOT_SAID_IN_JEST = "(?! (for (that|this|the|a) |of |from |laughing|trying|doing|already when|to (get|unlock|win|beat|respawn|reset)|your hair|my hair|her hair|his hair|with kindness|( \\.)+ with kindness|in ({video_games}|the game|game)|edits|memes|videos|weight|serious|asleep))";
// Said in jest or over a game: "as a joke when i beat him in 2k".
const EN_IN_JEST_OR_A_GAME = "(as a joke|jokingly|joking|kidding|as a bit|2k|fortnite|minecraft|roblox|valorant|cod|the game|a game|i beat|beat (him|her|them))";
// What the writer asks of it: "should i report it", "should i say something".
const EN_SHOULD_I_ANSWER = "should i (say something|say anything|report|block|tell|respond|reply|be mad|be upset|confront|text)";
// A "kys" told as a joke or over a game, which the writer asks how to answer or report.
const EN_NOT_A_JOKE_ASKED_ABOUT = `(?!(?=.*\\b${EN_IN_JEST_OR_A_GAME}\\b).*\\b${EN_SHOULD_I_ANSWER}\\b)(?<!(?=.*\\b${EN_SHOULD_I_ANSWER}\\b)\\b${EN_IN_JEST_OR_A_GAME}\\b.*)`;
// "told me to die" is the writer told to die (told_to_die), not someone who means to.
const EN_NOT_TOLD_TO = "(?!(told me|texted me|dmd me|said|says|keeps saying|kept saying|posted) to )";
const ES_SOMEONE_I_KNOW =
  "(mi|mis|nuestro|nuestra) (mejor |mejores )?(amigo|amiga|amigos|amigas|compa|parcero|parcera|pana|companero|companera|hermano|hermana|hermanito|hermanita|primo|prima|novio|novia|ex|crush|vecino|vecina|mama|papa|madre|padre|tio|tia|abuela|abuelo)( de (la escuela|la prepa|la secu|el salon|mi clase|clase|la uni|futbol|danza))?";
// The writer's answer to a friend's words: "so do i", "me too", "honestly same", "i kinda am too", "i relate" ("same
// with my other friend" is not).
const EN_ME_TOO =
  "((i think|i guess|i feel like|maybe|probably) )?(i (kind of |kinda |also |lowkey |honestly )?(am|do|want to|feel the same)( way)?( too| as well)?|i m (kind of |kinda |also |lowkey )?(the same( way)?|too)|i relate|same for me|so do i|so am i|so have i|so was i|so did i|i do too|i do as well|i am too|i m too|i have too|i did too|me too|me as well|same here|same(?! (with|for|goes|thing|as|old|day|time|school|class|age|grade|team))|i want to too|i kind of do too|i feel the same)";
// The same answer in Spanish: "y yo también", "y la neta yo igual".
const ES_ME_TOO =
  "(y |pero |pues |y pues |y la verdad |y la neta |y honestamente |y siendo honest[oa] )?(yo tambien|yo igual|yo tb|yo tmb|a mi tambien|a mi igual|igual yo|tambien yo|yo ando igual|yo tambien quiero|yo tambien me quiero (morir|matar))";
// Cutting one's hair or nails, or getting hurt at a game, is not self-harm.
const ES_NOT_GROOMING = "(?! (el|la|los|las|su|sus) (pelo|cabello|unas|fleco|flequillo|barba|puntas))";
// Dying of laughter, hunger or embarrassment, or wanting to die in one's home town when old.
const ES_NOT_HYPERBOLE = "(?! (de|del) (la |el |un |una )?(risa|hambre|verguenza|pena|sueno|aburrimiento|amor|calor|frio|cringe|coraje|susto|celos)| en (su|mi) (casa|pueblo|tierra|rancho))";
// A height to fall from, after "de", "del" or "desde": "del puente", "desde un edificio", "de lo alto del puente". Not
// out of a window: "me quiero tirar por la ventana" is what a teen says of a surprise test or the neighbour's music.
const ES_FROM_A_HEIGHT =
  "(de|del|desde) (lo alto (de|del) )?(un |una |el |la |este |ese |esa |esta )?(puente|edificio|azotea|techo|balcon|risco|acantilado|barranco|precipicio|torre|puente peatonal|(segundo|tercer|cuarto|quinto|ultimo) piso)";

// What a teen means to do, before the verb with its clitic in front ("me quiero ahorcar", "me voy a aventar"); may be absent ("me ahorco").
const ES_MEANS_TO = "((quiero|queria|quisiera|voy a|vo a|iba a|pienso|planeo|dan ganas de|podria|deberia|tengo ganas de) {esadv})?";
// Throwing oneself, the clitic before the verb or after it: "me voy a aventar", "me tiro", "tirarme".
const ES_THROW_MYSELF = `(me {esadv}${ES_MEANS_TO}(tirar|aventar|lanzar|echar|tiro|aviento|lanzo|echo)|tirarme|aventarme|lanzarme|echarme)`;

// Medicines a teen has at home, by the names teens type: a count of them "enough" is a dose asked about.
const EN_MEDS =
  "(pills|meds|tablets|capsules|sleeping pills|painkillers|antidepressants|tylenol|advil|ibuprofen|paracetamol|acetaminophen|aspirin|benadryl|melatonin|nyquil|xanax|klonopin|ativan|valium|adderall|ritalin|concerta|vyvanse|sertraline|zoloft|prozac|fluoxetine|lexapro|escitalopram|celexa|wellbutrin|bupropion|seroquel|quetiapine|trazodone|lithium|lamictal|abilify|gabapentin|insulin|oxy|oxycodone|percocet|vicodin|codeine|tramadol)";
// A game's jump or throw is no one's own: "in the game you can jump off the cliff to skip the walk back".
const EN_NOT_IN_A_GAME_BEFORE = "(?<!\\bin (the |this |that )?(game|{video_games}|zelda|skyrim|gta|elden ring)( \\w+){0,3} )";
// Where a jump is into water or a summer's game, before or after the height: a quarry, a high dive, a pool party.
const EN_WATER_OR_JUMPING_SPOT = "(pool|lake|river|quarry|beach|dive|diving|swim|swimming|cliffs|trampoline|water)";
// Thought of or wanted: "think about just stepping off", "i picture jumping", "tempted to walk".
const EN_THINKING = "think|thinks|thinking|thought|imagine|imagining|picture|picturing|want|wanna|wanted|tempted";
const EN_THINKS_OF = `(${EN_THINKING}) (about |of |to )?{adv}`;
const EN_THINKS_OF_OR_URGES = `(${EN_THINKING}|urge) (about |of |to )?{adv}`;
// Going somewhere with someone, said of leaving: "ya me quiero ir con mi abuelito al cielo".
const ES_GOING_WITH = "(me voy a ir|me quiero ir|quiero irme|irme|me ire|ya me voy|me voy)";
// Pills taken, and how many about: "took like 8", "swallowed maybe 12".
const EN_SWALLOWED = "(took|taken|swallowed|downed|popped|necked)";
const EN_ABOUT = "((like|about|around|maybe|over|almost|nearly|at least|probably) )*";
// Taken by the writer, not a friend's or a parent's doing ("he took 15 of my pills"); "my bf" before "i took" leaves it
// the writer's ("dont tell my bf i took 20 tylenol").
const EN_SWALLOWED_BY_THE_WRITER = `(?<!\\b(he|she|they|mom|mum|dad|brother|sister|friend|bff|bestie|bf|gf|boyfriend|girlfriend|cousin|classmate|dog|cat|someone|somebody)( (?!i\\b)\\w+)? )${EN_SWALLOWED}`;
// Doses counted over days ("took 10 of my adderall this month", "took 12 advil over the weekend") or as prescribed are a
// prescription followed, not an overdose; nor are units, milligrams, gummies or a pain named ("took 30 insulin units
// today", "took 5 of my meds this morning"). "today" alone is no such period: "i took 30 tylenol today" is an overdose.
const EN_NOT_A_DOSE =
  notLaterInTheClause("(this|last|over|during|per|each|every|the whole|all) (the )?(week|weekend|month|year|semester|summer|term|day|night)s?|over the (past|last)|(?<!\\bsince )this (morning|afternoon|evening)|for (my |a |the )?(headache|migraine|cramps|period|fever|cold|flu|tooth|toothache|back|pain)|(per|each|every) (day|week)|(?<!\\bin )a (day|week)|prescribed|prescription says|(the |my )?(doctor|dentist|nurse) (gave|said|told|prescribed|says)|doctors? orders|at the doctor|supposed to|units?|mg|ml|gummies|gummy|vitamins?");
// A height named as a fall: "a 4th floor fall", "the 6th floor", "5 stories", "30 feet", "the roof of the parking garage".
const EN_HEIGHT =
  `((\\d+(st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top) (floor|story|storey|stories|storeys|floors)( fall| window| balcony| building| roof)?|(${EN_HIGH_PLACES}|window|ledge)( fall)?)`;

// Where a question about a way of dying is about a story, an animal, a class or someone else's medicine, anywhere in the
// message: "in the movie does drowning hurt him", "does drowning hurt crabs", "vimos titanic en clase, ¿es rápido morir
// congelado?".
const A_STORY_AN_ANIMAL_OR_A_CLASS =
  "movie|film|show|series|book|novel|story|character|episode|documentary|titanic|game|games|{video_games}|sims|anime|manga|hunger games|fish|dog|dogs|cat|cats|bee|bees|lobster|lobsters|mice|animals|hamster|hamsters|crab|crabs|ant|ants|anthill|plant|plants|succulent|succulents|spider|spiders|bug|bugs|bird|birds|frog|frogs|turtle|turtles|pet|pets|goldfish|lifeguard|lifeguarding|lifeguard training|health class|history|textbook|project|class|caffeine|monster|monsters|energy drinks?|coffee|gummies|grandma|grandpa|hospice|cancer|pelicula|serie|libro|clase|salud|perr[oa]s?|perrit[oa]s?|gat[oa]s?|mascota|anestesia|historia|proyecto|english|health|documental|documentary|biologia|biology|walking dead|dead hangs?|shoulders|coach|cousin|got hit|biking|accident|fentanyl|learned|we read|mineros|news";
const NOT_ABOUT_A_STORY_OR_AN_ANIMAL = notAnywhere(A_STORY_AN_ANIMAL_OR_A_CLASS);
// Death as what the writer would choose: "death", "to die", "ending it all".
const EN_DEATH_CHOSEN = "death|dying|suicide|to die|killing {me}|ending it( all)?|ending my life";
// The only way out, or the only option left: "the only way out for me", "my only option left".
const EN_THE_ONLY_WAY_OUT = "(the|my) only (way out|option|answer|solution|escape|choice)( (for|4) me| left)?";
// A game's level, boss or escape room has a way out too.
const NOT_A_GAMES_WAY_OUT = notLaterInTheClause("{video_games}|game|level|escape room|boss");
// Ways of dying a teen asks about in Spanish as if they might not work: "¿cortarse las venas sí funciona?".
const ES_WAYS_ASKED_IF_THEY_WORK = "(cortarse|cortarte|cortarme) las venas|ahorcarse|ahorcarte|ahogarse|ahogarte|una sobredosis";
// Really, asked in Spanish: "de verdad", "en serio".
const ES_REALLY = "de verdad |en serio |realmente ";
// Where a floor asked about is for something else: a view, fireworks, an egg drop, a party, the wifi.
const NOT_ABOUT_A_FLOOR_FOR_SOMETHING_ELSE =
  notAnywhere("see|view|fireworks|egg|egg drop|project|experiment|science|physics|wifi|signal|party|people|guests|room for|sunset|sunrise|photo|photos|pics|drone|study|meeting|class|kite|mosquito|mosquitos|mosquitoes|apartment|flat|bugs|noise");
// Where a fall asked about is a pet's, a climb's, a trampoline's, a game's or a class's.
const NOT_ABOUT_A_FALL_FOR_SOMETHING_ELSE =
  notAnywhere("climb|climbing|rope|trampoline|parkour|dog|cat|hamster|spider|egg|phone|bunk bed|bunk|gutters|roof|christmas lights|ladder|snowboard|snowboarding|ski|skiing|skate|skating|brother|sister|dad|mom|grandpa|grandma|little|science|physics|project|game|{video_games}|movie|show|skydiving|bungee|class|stunt|stuntman");

// A goodbye note that is not the writer's farewell, read over the whole message: written to someone who is leaving
// (moving, retiring, deployed, off to college or home after an exchange), for the writer's own move or the end of camp,
// or for a class or a grief counselor; unless the writer's own finality is named anywhere in it ("they won't see me
// again", "a better place", "moving on").
const GOODBYE_NOTE_LEAVERS =
  "((who s|whos|who is|that s|thats|she s|shes|he s|hes|they re|theyre|is|are|gets|get|goes|going) (leaving|moving|retiring|graduating|transferring|going (home|back|abroad|away|to college)|deployed|getting deployed|going on (maternity|paternity) leave|to study abroad|home)|leaves for|(moves|is moving|s moving|moving) (to|away|out)|teachers? (is |s )?leaving|in hospice|hospice|died|passed away|se (muda|jubila|va a vivir|regresa|cambia de)|que se (va|muda|jubila|regresa)|me cambio de (escuela|colegio|prepa)|me voy a vivir|nos mudamos)";
const GOODBYE_NOTE_OCCASIONS =
  "((we re|were|we are|i m|im|i am) moving (to|away|out|house|schools|back)|(bc|because|cause|since|porque) (we re|were|we are|we|i m|im) (moving|leaving)|nos (mudamos|vamos a mudar)|last (day|week) (of|at) (camp|school|work|(my |the )?(old )?job)|break room|since (it s|its) the last (day|week)|retiring|retirement|jubila|study abroad|exchange student|foster family|deployed|maternity leave|assignment|for english|for class|creative writing|writing prompt|childhood self|future self|grief counselor|passed away|para mi maestra|para mi maestro)";
const WRITERS_OWN_FINALITY =
  "((won t|wont|will not|will never) (see|hear from|talk to) me|better place|moving on|nobody (will|would) (notice|care|miss)|sorry to everyone|when i m gone|when im gone|after i m gone|i m ready|im ready|ya no (me )?(van a ver|voy a estar)|cuando ya no este)";
/** Where a goodbye note is not the writer's farewell (lookbehind from the start of the form, so it reads the whole message). */
const NOT_THE_WRITERS_GOODBYE_NOTE = `(?<!^(?=.*\\b(${GOODBYE_NOTE_LEAVERS}|${GOODBYE_NOTE_OCCASIONS})\\b)(?!.*\\b${WRITERS_OWN_FINALITY}\\b).*)`;

// Carbon monoxide as a lesson or a danger at home: a chemistry project, a detector, a heater.
const EN_MONOXIDE_AT_SCHOOL = "chem|chemistry|project|detector|detectors|alarm|alarma|science|ciencias|class|clase|generator|power outage|news|snowstorm|storm|stove|dad says|mom says|my dad|my mom|is that true|safe|safety|people were|noticias|tormenta|homework|tarea|heater|calentador|calentadores|ventilar|ventilate|poisoning symptoms|sintomas";

// Ending a relationship, a streak, a project or a subscription: "she keeps ghosting me so im ending it".
const NOT_ENDING_SOMETHING_ELSE =
  notAnywhere("ghosting|ghosted|situationship|relationship|streak|friendship|group project|project|subscription|netflix|spotify|bf|gf|boyfriend|girlfriend|crush|talking stage|dating|the game|the call|the convo|conversation|i mean");

// A will made in jest or for class: an exam one may not survive, an English assignment, a game.
const EN_A_WILL_IN_JEST = "(english|class|assignment|creative writing|pretend|project|game|sims|minecraft|roblox|homework|story|exam|test|finals|examen|parcial|prueba|tarea|if i dont survive|si no sobrevivo|report card|gonna kill me|going to kill me|will kill me|kill me when|roller coaster|montana rusa|antes de subirme)";

// What a teen owns and gives away before the end, in Spanish: "ya les regalé mis peluches", "le dejé a mi hermana mis audífonos".
const ES_THINGS_OF_ONES_OWN = "(cosas|audifonos|libros|peluches|ropa|juegos|videojuegos|consola|tenis|discos|dibujos|plantas|joyas|collares|pulseras|sudaderas)";
// Who asks to buy something: "where can i get", "can a 13 year old buy".
const EN_WHERE_TO_BUY = "(where|how) (can|could|do|would) (i|you|a person|someone|a kid|a teen|a 1\\d year old) (buy|get|find|order|get ahold of|get hold of)";
const EN_MAY_I_BUY = "(can|could) (i|a kid|a teen|a 1\\d year old|minors) (buy|get|order)";
// A poison named for school or a story, not for oneself.
const EN_POISON_FOR_SCHOOL = notLaterInTheClause("project|science|class|chem|chemistry|lab|homework|book|story");
// Rat poison bought for the rats.
const EN_POISON_FOR_PESTS = "(?![^.]*(mice|mouse|rats|pest|garage|exterminator|barn|attic))";
// A parent's gun got at to hunt, to shoot at a range or to clean it for them.
const EN_GUN_FOR_SPORT = notLaterInTheClause("clean|cleaning|hunt|hunting|range|skeet|for him|for her|asked me|deer season");
// A cut from a pet, a game or the kitchen.
const ES_CUT_BY_ACCIDENT = "(?![^.]*(gato|gata|perro|perra|partido|caida|bici|patineta|cocina))";

// The friend's secret kept with their words: "… and made me promise not to tell anyone" is what the friend asked, not
// the writer's own risk (the classifier alone reads it as a crisis, 0.92).
const EN_ASKED_TO_PROMISE = "(and |but )?((she|he|they) )?(made me|makes me|asked me to|wants me to|told me to|begged me to|had me) (promise|swear|pinky promise)";
const EN_KEPT_SECRET = `( ${EN_ASKED_TO_PROMISE}( not to| to not| never to| i wont| i wouldnt) (tell|say anything)( to)?( anyone| anybody| a soul| an adult| my parents| her parents| his parents| their parents| her mom| his mom)?)?`;
// What a friend, a sibling or a parent says they mean to do or are doing to themselves, told by the teen who knows
// them: someone_at_risk's patterns, and the start of the writer's answer to them (me_too_after_someone).
const EN_SOMEONE_AT_RISK: readonly string[] = [
  `${EN_SOMEONE_I_KNOW} ${EN_BETWEEN}${EN_NOT_TOLD_TO}${EN_THEY_SAY} (that )?((she|he|they) )?${EN_THEY_WILL}(to )?(kill|killing|unalive|unaliving|hurt|hurting|cut|cutting|end|ending) (${EN_THEMSELVES}|her life|his life|their life|it all)${EN_NOT_GROOMING}${EN_KEPT_SECRET}`,
  `${EN_SOMEONE_I_KNOW} ${EN_BETWEEN}${EN_NOT_TOLD_TO}(wants|want|wanted|keeps saying|kept saying|said|says|told me|texted me|talks about|keeps talking about|jokes about|joked about|keeps joking about|is joking about) (that )?((she|he|they) )?(wants |wanted |want |wanting )?to (die|not be alive|not exist anymore)(?! (of|from|laughing|of embarrassment|at home|in (her|his|their) sleep|peacefully|old))${EN_KEPT_SECRET}`,
  `${EN_SOMEONE_I_KNOW} ${EN_BETWEEN}((is|are|s|was|were|has been|have been|s been|keeps|keep) (suicidal|self harming|(cutting|hurting|burning) (${EN_THEMSELVES})|cutting again)|(has been|have been|s been|been|started|has started|s started|started) cutting(?=$| [.,!?]| (again|lately|recently)\\b| ${EN_ASKED_TO_PROMISE})|self harms|self harmed|cuts (${EN_THEMSELVES}))${EN_NOT_GROOMING}${EN_KEPT_SECRET}`,
];
const ES_SOMEONE_AT_RISK: readonly string[] = [
  `${ES_SOMEONE_I_KNOW} ${ES_WHEN}(dice que |dicen que |me dijo que |me dijo q |dijo que |me escribio que |anda diciendo que )?(ya )?(se (quiere|quieren|va a|van a|piensa|intento|trato de) (matar|suicidar|quitar la vida|hacer dano)${ES_NOT_RIDING}|(quiere|quieren|va a|piensa|intento|trato de|quiso) (matarse|suicidarse|quitarse la vida|hacerse dano)${ES_NOT_RIDING}|(se )?(quiere|quieren) (morir|morirse)${ES_NOT_HYPERBOLE}|no quiere(n)? (vivir|seguir viviendo)(?! (en|con|asi en|sin|aqui|alla|ahi|solo|sola|lejos)))`,
  `${ES_SOMEONE_I_KNOW} ${ES_WHEN}(se esta cortando|se corta|se cortan|se sigue cortando|se volvio a cortar)${ES_NOT_GROOMING}`,
  `${ES_SOMEONE_I_KNOW} ${ES_WHEN}se (hace|esta haciendo|lastima) (dano )?(a proposito|otra vez|de nuevo|a si mism[oa])`,
];

// What someone the teen knows posted, texted or said.
const EN_REPORTS = "(keeps posting|kept posting|posted|posts|is posting|been posting|keeps writing|wrote|writes|texted me|texted|keeps texting|tweeted|captioned|commented|put|puts|sent me|dmd me|messaged me)";
// Somebody else named before the act: "my little brother took my sharpener apart".
const EN_NOT_THE_WRITER_BEFORE = "(?<!\\b(he|she|they|brother|sister|mom|mum|dad|cousin)\\b.*)";
// A sharpener broken for its blade is told with the blade, as a secret or as a habit; one cleared of stuck lead is not.
const SHARPENER_SECRET = "\\b(blade|blades|dont judge|don t judge|dont ask|don t ask|dont tell|again|another)\\b";
const SHARPENER_CHORE = "\\b(lead|leads|shavings|stuck|fix|clean|empty)\\b";
const EN_SHARPENER_FOR_ITS_BLADE = `(?:(?<=${SHARPENER_SECRET}.*)|(?=.*${SHARPENER_SECRET}))(?<!${SHARPENER_CHORE}.*)(?!.*${SHARPENER_CHORE})`;
// What the writer keeps, saves or hides for later: "got the rope in me wardrobe", "saving my pills".
const EN_KEPT_BY_ME = "(i |ive |i ve |i have |i m |im )?(got|have|keep|keeping|kept|save|saving|saved|hid|hide|hiding|hidden|stashed|stash|stashing|bought)";
const EN_THEIR_PAGE = "(on|in) ((her|his|their) (story|stories|bio|notes|finsta|page|status|snap|post)|(insta|instagram|snap|snapchat|tiktok|twitter|facebook|discord|bereal|the group chat|the gc))";
// What the friend posted, named before their words: "something dark", "some sad stuff".
// Words for what the friend posted: "some dark stuff", "sad posts".
const EN_DARK = "dark|weird|sad|scary|worrying|concerning|depressing|creepy";
const EN_WHAT_THEY_POSTED = `((some|this|that|these|those|a|so much|lots of|a lot of) )?((${EN_DARK}|bad|alarming|messed up|worrying) )?(stuff|things|something|shit|crap|messages|posts|post|tweets|quotes|captions|caption)( (${EN_DARK}|off|bad|alarming))?`;
const EN_THIRD_PERSON = "she|he|they|shes|hes|theyre|theyll|shell|hell|she s|he s|they re";

/**
 * Someone the teen knows, and the words of theirs the teen reports next, marked as theirs: "my friend keeps posting
 * stuff like", "my cousin texted me saying", "my friend posted on her story", "my friend said she", "mi amiga puso en
 * su historia que". What follows is the friend's ("i wont be here much longer"), so a lexicon match that starts right
 * after these words is someone at risk, not the writer (crisisLexicon.ts). Quotes do not survive the matching form, so
 * only such marks tell: after a bare "texted me", "posted" or "said" an "i" is as likely the writer's own ("my friend
 * texted me i want to die", "my mom said i want to die for attention"), and so is what "me dijo que" or "me escribió
 * que" reports ("ojalá nunca hubiera nacido", said to the writer).
 */
export const REPORTED_BY_SOMEONE: readonly string[] = [
  // Marked as a quote: "stuff like", "saying", "on her story"; the quote may be in the friend's first person.
  `${EN_SOMEONE_I_KNOW} ${EN_BETWEEN}${EN_REPORTS}( ${EN_THEIR_PAGE})?( ${EN_WHAT_THEY_POSTED}( ${EN_THEIR_PAGE})?)? (like|saying)( that)?( (i|im|i m|${EN_THIRD_PERSON}))?`,
  `${EN_SOMEONE_I_KNOW} ${EN_BETWEEN}${EN_REPORTS} ${EN_THEIR_PAGE}( that)?( (i|im|i m|${EN_THIRD_PERSON}))?`,
  // Told in the friend's third person: "my friend said she", "my cousin texted me he".
  `${EN_SOMEONE_I_KNOW} ${EN_BETWEEN}(${EN_REPORTS}|keeps saying|kept saying|said|says|keeps telling me|told me|tells me)( (stuff|things|something|shit|crap))?( like)?( that)? (${EN_THIRD_PERSON})`,
  // Posted where the friend's own words are: "en su historia", "en su estado"; or "cosas como".
  `${ES_SOMEONE_I_KNOW} ${ES_WHEN}(publico|publica|puso|pone|subio|sube|escribio|escribe|postea|posteo) ((en su|en sus) (historia|historias|estado|estados|perfil)( (cosas|algo|mensajes|frases) como)?|(cosas|algo|mensajes|frases) como)( que)?( (yo|ya|me|yo ya|ya me|yo me))?`,
];

/**
 * The writer joining the words of someone they know, right after them: "and so do i", "me too tbh", "y yo también".
 * me_too_after_someone's patterns end with it, and a friend's words the teen reports are the writer's own when it follows.
 */
const EN_WRITER_JOINS = `( \\.)? (and |but |n |& )?{adv}(tbh |to be honest |not going to lie |ngl |lowkey |honestly )?${EN_ME_TOO}`;
const ES_WRITER_JOINS = `( \\.)? ${ES_ME_TOO}`;
export const WRITER_JOINS: readonly string[] = [EN_WRITER_JOINS, ES_WRITER_JOINS];

/**
 * A teen's worry about someone at risk, wherever it stands in the message: "i cant tell if shes serious, should i tell
 * someone?", "i don't know how to help", "y no sé qué hacer". Read with the friend's words, not as the writer's own risk
 * (riskScreen.ts, scoreWritersOwnWords): alone the classifier reads them 0.76–0.81, unsure.
 */
/** Who a teen worried about a friend asks whether to tell: "should i tell the school counselor", "do i tell her mom". */
const EN_SOMEONE_TO_TELL =
  "(someone|somebody|anyone|an adult|a teacher|a counsel+or|my (mom|mum|dad|parents)|her (mom|mum|parents)|his (mom|mum|parents)|their parents|(the|my) (school )?(counsel+or|nurse|teacher|principal)|the school)";
export const WORRY_ABOUT_SOMEONE: readonly string[] = [
  // Frightened, and asking what to do: "she made me promise not to tell. i'm scared. what should i do?". Read before the
  // questions alone, which the patterns after take; the fear alone ("i think i'm next. i'm terrified") stays the writer's.
  `(im|i m|i am) {adv}(so |really |kinda |very )?(scared|worried|terrified|freaking out)( for (her|him|them))?( \\.)? (what (should|do|can) i (do|say)|idk what to do|i dont know what to do|(should|do|would) i (tell|talk to|go to)( ${EN_SOMEONE_TO_TELL})?)`,
  "(i )?(cant|can t|dont know if i can|do not know if i can|idk if i can) tell if (she|he|they)( s| is| are| re)? (serious|joking|kidding)",
  "(i )?(dont know|do not know|idk) (how to help( her| him| them)?|what to (do|say)( to (her|him|them))?)",
  `(should|do|would) i (tell|talk to|go to) ${EN_SOMEONE_TO_TELL}`,
  "how (do|can|should) i help (her|him|them)",
  "(im|i m|i am) {adv}(so |really |kinda |very )?(scared|worried|afraid|terrified|freaking out) (for|about) (her|him|them)",
  "what (should|do|can|would) i (do|say)",
  "no se (que hacer|que hago|que decirle|como ayudarla|como ayudarlo|como ayudarle|si es en serio|si lo dice en serio)",
  "(que hago|como la ayudo|como lo ayudo|como le ayudo)",
  "le digo a (alguien|un adulto|su mama|su papa|sus papas|mi mama|mi papa|mis papas|un maestro|una maestra)",
];

export const CRISIS_LEXICON: readonly CrisisLexiconEntry[] = [
  // ── suicidal ideation, in the writer's own words ──
  {
    id: "kill_myself",
    category: "crisis",
    stance: "self",
    patterns: [
      // Killing oneself laughing is the British "dying of laughter": laughing at the end of the clause, or at a thing or
      // when something happened; "i could kill myself, laughing at me like that is cruel" is no joke.
      "(kill|killing|killed|end|ending|off|offing) {me}(?! (laughing|laughin)( (at (this|that|it|how(?! [^.]*\\bi (am|m)\\b)|the|his|her|their|your)|when|so hard|lol|lmao|lmfao|haha)|(?= ?(\\.|$)))| with laughter)",
      // To top oneself, said as what the writer is going to do ("gonna top myself i reckon"); not outdoing oneself ("how
      // am i gonna top myself next year"), which the mention entry top_myself leaves to the classifier.
      "(?<!how (am i|do i|will i|can i|could i|would i|to) )(gonna|going to|want to|about to|ready to|might|i will|ill|i ll) {adv}(top|topping) {me}(?! (up|off|next|after|this|that|at|in|on|with|for|again|every))(?! [^.]*\\b(next|last (year|time)|record|score|pb|pr|personal best|beat (that|this)|outdo|recital|performance|show|party|competition|season|concert|game)\\b)",
      // British and Australian slang: to neck oneself is to hang oneself; to do oneself in is to kill oneself, said as what
      // the writer means to do ("gonna do myself in"), not of a workout or a long day ("did myself in at the gym").
      "(neck|necking|necked) {me}",
      "(gonna|going to|want to|wanna|about to|ready to|might|i will|ill|i ll|i could|should i|i should|plan to|planning to) {adv}do {me} in(?! (at|on|with|from|by|doing|laughing|lifting|running|training|playing|carrying|moving|eating|studying|working)\\b| if i keep| after (practice|the gym|gym|school|work|training|this (exam|test|week)|exams|finals)\\b)",
      "kmslf",
      "kmsf",
    ],
  },
  {
    // "kms" is as often a groan at a chore ("kms my mom signed me up for 7am tennis") as meant: alone it yields to a
    // classifier sure the message is ordinary, like a topic named.
    id: "kms",
    category: "crisis",
    stance: "mention",
    patterns: ["(?<!\\d )kms"],
  },
  {
    // British and Australian slang for killing oneself, and as often outdoing oneself ("no way i can top myself after
    // last year"): like "kms", it yields to a classifier sure the message is ordinary. Never topping up a phone.
    id: "top_myself",
    category: "crisis",
    stance: "mention",
    patterns: ["(top|topping|topped) {me}(?! up)"],
  },
  {
    id: "kys_about_self",
    category: "crisis",
    stance: "self",
    // "kys" aimed at someone else is harassment (harassment.ts); these are the writer's own.
    patterns: [
      `(${EN_I_WILL_OR_SHOULD}|i could) {adv}(going to |want to |about to )?kys`,
      "(?<!(you|they|he|she|people|everyone|we|should) )(want to|about to|going to) {adv}kys",
    ],
  },
  {
    id: "want_to_die",
    category: "crisis",
    stance: "self",
    patterns: [
      // "die for" is of a cause or a treat ("i'd die for this pizza"), not of how long the wish lasted ("thought about how
      // i want to die for like three hours straight").
      "(want|wanted|wanting|need|ready|plan|planning|deserve|deserved|deserves|decided|trying) to {adv}die(?! (of|from|laughing|on this hill|inside|a little|for(?! (like |about |almost )?((\\d+|an?|one|two|three|four|five|six|a few|a couple( of)?|several|many) (hours?|days?|weeks?|months?|minutes?|years?|while)|so long|ages))|in ({video_games}|the game)))",
      // The one goal left: "the truth is my only goal is not existing anymore".
      "(only|one|main|real) goal (is|s) (to )?(not existing|not exist|stop existing|die|disappear|not being here|not be here)( any ?more)?",
      "wish (i|i could) {adv}(die|be dead|was dead|were dead|wasnt alive|werent alive|wasnt here|werent here|didnt exist|could disappear|could stop existing|had never been born|was never born|were never born|wasnt born|never existed|could sleep forever|could just not wake up|wouldnt wake up)",
      "wish to die",
      // Dying said with intent, in plain words or the slang for it ("ill just cark it on purpose"); a game's respawn is not.
      "(i want to|i wanna|im going to|i m going to|im gonna|i m gonna|ill|i ll|i will|im about to|i m about to) {adv}(die|cark it|kick the bucket|croak|snuff it|pop my clogs|bite the dust|peg out) on purpose(?! [^.]*(respawn|checkpoint|reset|restart|bonfire|level|{video_games}|the game|my character))",
      "(pray|hope|hoping|praying) (i|that i) (die|dont wake up|do not wake up|never wake up)",
      "(sleep|fall asleep) and (never|not) wake up",
      // An illness or an accident wished on oneself: "hoping this fever takes me out ngl", "praying the plane goes down
      // with me on it"; not hoping it does not ("hoping this flu doesnt kill me"), nor a ride ("the bus takes me out of town").
      "(hope|hoping|hopefully|pray|praying|wish) (that )?(this|the|that|a|my) (fever|flu|illness|sickness|virus|infection|covid|cancer|plane|car|bus|truck|storm|tornado|hurricane|earthquake)( \\w+){0,2} (takes me out|kills me|finishes me off|goes down with me( on it)?)( (ngl|fr|tbh|honestly|rn|lol|lowkey|already|soon|for real|this time))*{end}",
    ],
  },
  {
    id: "suicide",
    category: "crisis",
    stance: "mention",
    patterns: [
      // "Suicide Squad" and the sprint drills teens run at practice ("we ran suicides") are not crisis language.
      "suicid(e|al|ally)(?! (squad|door|doors|king|boys|season|sprints?|runs?|drills?))",
      "(?<!(ran|run|running|do|did|doing|more|extra) )suicides(?! (squad|door|doors))",
      "(sucide|suicde|suiside|suacide|sucidal)",
      "sewer ?slide",
      "self ?unalive",
      "toaster bath",
      "ctb",
    ],
  },
  {
    id: "unalive",
    category: "crisis",
    stance: "self",
    patterns: [
      // Not a threat to someone else, said in jest: "im gonna unalive my brother if he eats my leftovers".
      `(want|wanted|going|plan|planning|about|trying|ready|need|tempted|tried) to {adv}unalive${EN_NOT_SOMEONE_ELSE}`,
      `(${EN_I_WILL_OR_SHOULD}) {adv}unalive${EN_NOT_SOMEONE_ELSE}`,
      "unalive (me|{me})",
      "unaliv(ing|ed) {me}",
      "(thinking (of|about)|thought about|think about|considering|planning on|plan on|been) {adv}unaliving",
      "(how to|how do i|how can i|ways to|thinking about|thought about) {adv}unalive",
      // The wish to die misspelt short: "i wnt to di", "i wanna dei"; not "dye" with a thing to dye after it.
      "(i )?(want|wanna|wnt|wan|wamt|wana) (to |2 )?(di|dii|dei)(?! [a-z])",
      // To self-delete, said of oneself ("might just self delete tonight tbh", "the self delete is scheduled for friday");
      // not messages, snaps or a post set to delete themselves.
      `self ?(delete|deleting|deleted|deletion)(?! (${EN_DISAPPEARING_MESSAGES}|setting|settings|timer|feature|mode|option|button))(?<!\\b(${EN_DISAPPEARING_MESSAGES}|app|it|they|them|disappearing|auto)\\b[^.]*)${notAnywhere("script|function|code|python|javascript|program|bot|file|files|dms?|setting|settings|feature|after a day|discord|game|cs class")}`,
    ],
  },
  {
    id: "want_to_disappear",
    category: "crisis",
    stance: "self",
    patterns: [
      // "i need to disappear for a bit, dishes" is a chore, not a wish.
      // Nor is disappearing "not literally", from embarrassment, said so.
      // Nor is disappearing into a blanket or the floor, under the covers or from a party ("into the void" still is).
      `(want|wanted|need) to {adv}(${EN_DISAPPEAR}|not be alive|not be here|be gone|be dead)(?! for (a|the|an|like|about|\\d)(?! ?ever)| (into|under|inside|in) (my|a|the|this|these) (blanket|blankets|covers|bed|hoodie|book|books|floor|ground|crowd|background|couch|sofa|room|closet|pillow|pillows)\\b| from (class|school|(the|this|that) (party|convo|conversation|group chat|gc|class|room))| (off )?to (a|an|some|my|the) (cabin|island|beach|mountain|mountains|forest|woods|farm|village|cottage|lake|lake house|desert|hut|tent|treehouse|bunker|city|country|castle)\\b)${notLaterInTheClause("not literally|so embarrassing|embarrassing|embarrassed|cringe|mortified|so awkward|tripping|tripped|on stage|in front of everyone")}`,
      `wish i could {adv}(${EN_DISAPPEAR})`,
    ],
  },
  {
    id: "dont_want_to_be_here",
    category: "crisis",
    stance: "self",
    patterns: [
      "(dont|do not|no longer|didnt|never) {adv}want to {adv}(be here|be around|be alive|live|exist|go on|keep going|keep living|wake up|be on this earth|be in this world) {adv}(any more|any longer|no more|ever again)",
      "(dont|do not|no longer|didnt) {adv}want to {adv}(be alive|exist|be on this earth|be in this world|keep living)",
      "(dont|do not|no longer|didnt) {adv}want to {adv}(be here|be around|live|go on|wake up|keep going)( like this| tomorrow)?{end}",
      "(tired|sick) of (living|being alive|existing|life|being here)",
      "hate being alive",
      "(cant|cant even) {adv}(go on|keep going|do this|take (it|this)|live like this) {adv}(any more|any longer|no more)",
      "cant {adv}go on{end}",
    ],
  },
  {
    id: "end_it_all",
    category: "crisis",
    stance: "self",
    patterns: [
      "end (it all|everything|my (own )?life|my suffering|my existence)",
      "(want|going|ready|plan|planning|decided|about) to {adv}end (it|things){end}",
      "take my (own )?life",
      "put an end to (it all|my life|everything)",
      // Intrusive thoughts that speak: "my brain keeps saying end it", "my head wont stop telling me to die".
      "(brain|head|mind|thoughts|voice|voices|intrusive thoughts) {adv}(keeps|keep|is|are|wont stop|won t stop|always|wont shut up) {adv}(saying|telling me|whispering|screaming|yelling|begging me|repeating)( to)? {adv}(end it(?! (with|between|off)\\b)|kill {me}|die|unalive {me})(?! (of|from|laughing|in ({video_games}|the game)))",
      "(wont|will not|am not going to|not going to) be (here|around|alive) (much longer|for long)",
      // Not the last of the night before sleep: "ok this is my last message tonight, gotta sleep, bye!!!".
      "(this is|this will be) (my )?(last|final) (goodbye|message|post|text)(?! (before|till|until|for) )(?! (tonight|today|for (tonight|today|now))\\b[^.]*\\b(sleep|bed|night night|nighty|gn|goodnight|good night|ttyl|talk tomorrow|see (you|u|ya) tomorrow|tmrw|tomorrow)\\b)",
      "(saying|say|said) (my )?(final|last) goodbyes?",
      // Not to a room, a subject or a thing left behind on the last day of school ("goodbye forever room 204", "goodbye
      // forever algebra"); to a person, everyone or the end of the clause, with or without its emoji, it is.
      // A show, a class or an era named anywhere in the message is what is left ("last episode of my fav show aired
      // tonight, goodbye forever 😭", "deleting my old posts, goodbye forever to my minecraft youtuber era").
      "(?<!\\b(show|episode|series|season|finale|anime|exam|exams|final|finals|class|course|teacher|posts|era|phase|account|app|tiktok|instagram|snapchat|server|game|braces)\\b.*)goodbye (forever|for ever)(?! (to )?(this |that |my |the )?(room|class|classes|ap|algebra|math|maths|chem|chemistry|biology|bio|physics|english|history|spanish|french|geometry|calculus|homework|school|high school|middle school|elementary|junior high|uniforms?|braces|retainer|cast|job|shift|exams?|finals|tests?|semester|term|summer school|gym class|pe|dorm|locker|grade|year|\\d+(st|nd|rd|th)?)\\b)(?!.*\\b(show|episode|series|season|finale|anime|era|phase|posts|account|app|tiktok|instagram|snapchat|server)\\b)",
      // The writer's own last day: "last night on earth. its weirdly calm", "tonight is my last night alive"; not the party
      // question ("if today was your last day on earth"), the game or the song ("playing last day on earth").
      "(my )?(last|final) (day|night) alive",
      // Hamlet's line, said as what the writer is about to do ("gonna yeet myself off this mortal coil"); not the play read
      // in class.
      "(want|wanna|going|gonna|ready|need|about|plan|planning|time|might|ll|will|i should|should i|i could) (to )?{adv}(shuffle|exit|leave|escape|yeet {me}) (off )?(this|the) mortal coil",
      // The writer's time on earth over: "honestly i feel like my time on earth is up"; "here" is as often a class, a shift or
      // an exchange ending ("my time here is up, gotta go home"), so it is not named.
      `my time (on earth|on this earth|in this world) (is|s) {adv}(up|done|over|almost up|almost over|running out)${notLaterInTheClause("gonna kill me|going to kill me|will kill me|grades|report card|exam|test|trip|exchange|camp|semester|visit|internship|vacation|holiday|program")}`,
      // A last day kept secret: "last day of school ever and nobody knows it but me"; not a move or a surprise kept quiet.
      "(last|final) (day|night|week|weekend|class|practice|game|shift)( (of|at|in|with) (\\w+ ){1,3}?)? ?ever\\b[^.]*\\b(nobody|no one|noone|none of them|nobody else) (knows|know|will know|has a clue|realises|realizes) (it|that|but|except|yet)\\b(?![^.]*\\b(moving|move|moved|transfer|transferring|surprise|graduat|leaving for|new school|quit|quitting|dropping out|drop out|retir)\\w*)",
      // The last sunrise the writer will see ("last sunrise i'll see. it's actually really pretty"), said as the end of
      // seeing, not of a trip, a stay or a school year ("last sunset i'll see, we fly home tomorrow").
      "(?<!\\b(trip|vacation|holiday|hawaii|beach|camp|here)\\b.*)(last|final) (sunrise|sunset) (i ll|ill|i will|i m going to|im going to|im gonna|i m gonna|i get to) (ever )?(see|watch|witness){end}(?!.*\\b(trip|vacation|holiday|fly|flying|flight|home|moving|move|school|college|uni|camp|here|for a while|til|till|until|before|summer|week|year)\\b)",
      "(^|this is |today is |tonight is |tomorrow is |its |it s |todays |tonights )(my )?(last|final) (day|night) (on earth|on this earth|of my life)(?! (as|before|till|until|at|in) )",
      // Ending it, as the whole of what the writer will do: "if i'm still this miserable on my 16th birthday i'm ending
      // it", "im gonna end it tonight"; not ending it with someone, a streak or a call ("ending it with him").
      `(i m|im|i am|i ll|ill|i will|gonna|going to|i m gonna|im gonna) (just )?end(ing)? it( all)?( tonight| today| tomorrow| soon| this week| this weekend)?{end}${NOT_ENDING_SOMETHING_ELSE}`,
      // Ending it all as what the writer's thought comes to: "i think about swerving into the other lane and ending it
      // all"; not someone else's thought, a character's or a show's ("everyone was thinking about ending it all lmao").
      `\\b(i|im|i m|i ve|ive|been|keep|cant stop|can t stop)( (just|always|sometimes|still|really|keep|been|cant stop|can t stop|am|was))* (think|thinking|thinkin|thought) (about|of) ([^.]{0,80} )?ending it all{end}${NOT_ENDING_SOMETHING_ELSE}${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}`,
      // Death as a place that appeals: "six feet under sounds kinda cozy rn", "being dead sounds so peaceful"; not the
      // show.
      `(six feet under|being dead|not existing|not being alive|not waking up|never waking up|eternal sleep|dying) (sounds|seems|looks|feels) (kinda |so |really |pretty |lowkey |honestly |kind of )?(cozy|comfy|nice|good|peaceful|better|great|appealing|relaxing|like a vacation|like heaven|amazing)( (rn|right now|ngl|tbh|honestly|tho))?{end}${notLaterInTheClause("show|series|season|episode|watch|watching|netflix|hbo|band|album|song|movie|book")}`,
      // Asking someone to be told, after the writer is gone, that they were loved: "tell my mum i loved her if she ever
      // asks"; not the meme of walking into a beep test.
      `tell (my|him|her|them|everyone|every one|my [a-z]+) (that )?i (loved|always loved|really loved|did love) (her|him|them|you|everyone|everybody)( (if|when|once|after|for me|ok|okay|please|pls)\\b|{end})${notLaterInTheClause("me walking|me going|me heading|me when|beep test|pacer test|pacer|gym class")}`,
      "suicide (note|letter)",
      // A note's opening: "by the time anyone reads this i'll probably have done it", "by the time u see this ill be gone".
      "by the time (anyone|anybody|someone|somebody|you|u|they|people|my (mom|mum|dad|parents|family|friends)) (reads|read|sees|see|finds|find|gets|get) this( \\w+){0,3} (i ll|ill|i will|i d|id|i m|im|i am) (probably |already |prob )?(have )?(be )?(gone|dead|done it|not (be )?here|no longer (be )?here)",
      // The goodbye kept from those it is said to: "they don't know it's a goodbye", "didnt tell them its my last
      // everything", "no saben que es mi despedida".
      "(they|nobody|no one|none of them) (dont|doesnt|do not|does not) (know|realise|realize) (it s|its|it is|that it s|that its|this is|that this is) (a |my )?goodbye{end}",
      "my last everything{end}",
      `no (saben|sabe) que (es|era|fue) (una|mi) despedida${NOT_THE_WRITERS_GOODBYE_NOTE}`,
      // A teen's will, who gets what: "wrote my will in my notes app lol", "ya hice mi testamento, mi switch es para mi
      // primo"; not a class's exercise or the joke of an exam one may not survive.
      `(writing|wrote|written|made|making|finished|updated|updating|did) my (will|last will)(?![^.]*\\b${EN_A_WILL_IN_JEST}\\b)(?<!\\b${EN_A_WILL_IN_JEST}\\b[^.]*)`,
      `(ya )?(hice|escribi|termine|estoy haciendo|estoy escribiendo|tengo) mi testamento(?![^.]*\\b${EN_A_WILL_IN_JEST}\\b)`,
      // Where each thing goes, decided: "i've decided where everything goes"; not a move's boxes.
      `(decided|figured out|planned|sorted out|worked out) where (everything|all my stuff|my stuff|my things|all my things) (goes|is going|should go)${notAnywhere("move|moving|boxes|room|rearranged|rearranging|furniture|desk|closet|shelves|shelf|organized|organised|organizing|decor|house|place|apartment|dorm|storage")}`,
      // Where the writer is headed, where none of it is needed: "none of it matters where im headed".
      "(none of it|nothing|it) (matters|will matter|wont matter|won t matter) where (i m|im|i am) (headed|going){end}",
      // A goodbye note for a move, a retirement, a last day at camp or a job: "writing a goodbye letter to my camp counselor
      // since it's the last week", "le escribí una goodbye letter a mi amiga porque se muda"; not the writer's own.
      `goodbye (note|letter)${NOT_THE_WRITERS_GOODBYE_NOTE}`,
      "(giving|gave|give) away (all )?(of )?my (stuff|things|belongings)",
      "(you|u) can have my (stuff|things|clothes|games|xbox|ps5|switch|phone|books|cards|hoodies?)",
      "(when|after|once) i m gone(?! (to|for|on|at|from))",
      "(wrote|writing|written|finished|left|leaving) (letters|notes|a letter|a note) (for|to) (everyone|everybody|my family|my parents|all of you|each of you)",
      // Euphemisms for dying that name no method.
      "(take|taking|takin|have|having) (the|a|my) (long|big|eternal|forever|permanent|final|last) (sleep|nap|dirt nap|rest)",
      "(log|logging|logout|sign|signing) (off|out) (of |from )?(life|existence|this world|for good|permanently)",
      "(uninstall|uninstalling|delete|deleting|deleted) ({me}|me) (from )?(life|existence|this world|the world)",
      "permanent (sleep|nap|vacation|solution|exit)",
      // Becoming a train's or a truck's problem, said of the writer: "thinking about becoming the 7:15 train's problem
      // tomorrow morning", "gonna be the L train's problem"; not "there will be train problems tomorrow".
      "(becom(e|ing)|(im|i m|i am|i ll|ill|gonna|going to|might|will|wanna|want to) {adv}(be|become)) the ([\\w:]+ ){0,2}(trains|trucks|buses|busses|subways|metros|trams|s) problem",
      "(want|wanna|ready) to {adv}(sleep|go to sleep) (forever|and never wake up|for good)",
    ],
  },
  {
    // Said of dying and, as often, of a move, a nap or an awkward class: alone they yield to a classifier sure the
    // message is ordinary.
    id: "farewell_hint",
    category: "crisis",
    stance: "mention",
    patterns: [
      "(wont|will not|not going to) (need|be needing|be using) (it|them|this|these|my stuff|my things) (any more|anymore|where i m going|after (tonight|tomorrow|this week))",
      // What the writer gives away and will not use again: "giving my skateboard to the kid down the street. i won't be
      // skating anymore", "you can have my switch. i wont be using it after this weekend".
      "(wont|will not|not going to|m not going to|am not going to) be (using|needing|wearing|playing|riding|skating|reading|driving)( it| them| this| these| that| those)?( any ?more| after (this|tonight|tomorrow|friday|saturday|sunday)( week| weekend)?)",
      "(wish|wishing) (i|i could) {adv}(stop existing|not exist|fade away|vanish|cease to exist|go to sleep forever|sleep forever|not wake up)",
      "(me quiero|quiero|voy a|me voy a) (ir|irme|dormir) para siempre",
      // What is left for whoever finds the writer: "grabé un video para mis papás, que lo vean cuando me encuentren",
      // "i left a note for when they find me"; not a game of hide and seek.
      "(cuando|para cuando|despues de que|antes de que) me (encuentren|encuentre|hallen)(?! [^.]*(escond|jugando|regan|castig|me (van|va) a (matar|regan|castig)))",
      "(for |when |once |after |before )(they|you|someone|somebody|my (mom|mum|dad|parents|sister|brother|family)) (find|finds|found) me(?! [^.]*\\b(hide and seek|hiding|in the game|grounded|chores|sneaking|kill me|(going to|gonna) (kill|ground|yell)))",
      // Giving one's things away, in Spanish: "ya les regalé mis peluches a mis primas", "le dejé a mi hermana mis
      // audífonos"; not what a teen has outgrown, gives to charity or leaves behind in a move ("regalé mis libros de
      // primaria", "a una fundación", "no me caben en el avión").
      `(ya )?(le |les )?(regale|he regalado|estoy regalando|ya regale|reparti|he repartido|estoy repartiendo) (a (mi|mis) [a-z]+ )?${ES_ALL_OF}mis (celular|${ES_THINGS_OF_ONES_OWN})(?! (viejos|viejas|viejo|vieja|que ya no|de cuando|de (primaria|nino|nina|bebe|chiquito|chiquita)|con))${notLaterInTheClause("fundacion|caridad|donacion|donar|iglesia|ya estoy grande|ya soy grande|no me caben|no me quedan|no me queda|ya no me quedan|mudanza|me mudo|nos mudamos|me voy a vivir|avion")}`,
      // Left to someone, not somewhere: "le dejé a mi hermana mis audífonos"; not "dejé mis cosas en el locker" or left
      // with mom to look after.
      `(ya )?(le|les) (deje|he dejado) (a (mi|mis) [a-z]+ ${ES_ALL_OF}mis ${ES_THINGS_OF_ONES_OWN}|${ES_ALL_OF}mis ${ES_THINGS_OF_ONES_OWN} a (mi|mis) [a-z]+)${notLaterInTheClause("en|por|mientras|para que|un rato|cuide|cuiden|guarde|guarden|presta|prestar|regresa|devuelve|mudanza|me mudo|nos mudamos|avion|viaje")}`,
    ],
  },
  {
    id: "better_off_without_me",
    category: "crisis",
    stance: "self",
    patterns: [
      "better off (without me|dead|if i (was|were|wasnt|werent|didnt|died|disappeared|was never|were never)|when i m gone|when im gone|once i m gone|once im gone)",
      `(nobody|no one) (would|will) ${EN_CARE_IF_I} (${EN_GONE_OR_DEAD}|left|killed {me})`,
      `would (anyone|anybody) ${EN_CARE_IF_I} (${EN_GONE_OR_DEAD}|killed {me})`,
      "(nobody|no one) would (even )?miss me",
      "(i m|i am) (just )?a burden( to (everyone|everybody|my family|them|you))?",
    ],
  },
  {
    id: "no_reason_to_live",
    category: "crisis",
    stance: "self",
    patterns: [
      "no (reason|reasons|point|purpose) (to|in|for) (live|living|being alive|going on|keep going|keeping going|staying alive|existing|me being here)",
      "nothing (left )?to live for",
      "(whats|what is) the point (of|in) (living|life|being alive|going on|existing|me being here|anything any more)",
      "(life|living) (isnt|is not|aint|is no longer) worth (living|it)",
      "not worth living",
      // Death as the only way out: "deth is the only way out 4 me" (read "death is the only way out for me"), "the only
      // way out is to die"; not a game's level or an escape room ("death is the only way out of this level").
      `(${EN_DEATH_CHOSEN}|not being here) (is|s|seems like|feels like|looks like) ${EN_THE_ONLY_WAY_OUT}{end}${NOT_A_GAMES_WAY_OUT}`,
      `${EN_THE_ONLY_WAY_OUT} (is|s) (${EN_DEATH_CHOSEN}){end}${NOT_A_GAMES_WAY_OUT}`,
    ],
  },
  // ── suicidal ideation in Spanish (accents folded away, as the matching form has them) ──
  {
    id: "es_quiero_morir",
    category: "crisis",
    stance: "self",
    patterns: [
      `${ES_WANTS_OR_THINKS_OF}(suicidarme|quitarme la vida|acabar con mi vida|terminar con mi vida)`,
      "me {esadv}(voy a|vo a|quiero|queria|quisiera|pienso|tengo ganas de|dan ganas de) {esadv}(suicidar|quitar la vida)",
      "(quitarme|quitare|me quito|me quite|me voy a quitar) la vida",
      "(acabar|terminar|acabo|termino|acabare|terminare) con (mi vida|mi existencia)",
      "(poner|ponerle|pongo|le pongo|le voy a poner|voy a poner|voy a ponerle) {esadv}(un )?fin a (todo|mi vida|mi existencia)",
      "suicid(arme|arte|arse|andome)",
      // The wish to die said beside having no more strength: "ya valió todo, me quiero morir", "me quiero matar, no puedo
      // más con esto". Alone the phrase is as often a lost bet (es_quiero_morir_hyperbole); not with a laugh or "de risa".
      `((ya no (puedo|aguanto)( mas)?|ya valio( todo| madre| verga)?|nada tiene sentido|ya me canse de (todo|vivir)|estoy (harto|harta) de (todo|vivir)|no puedo mas)(\\s\\w+){0,5}( \\.)? ?${ES_I_WANT_TO_DIE}(?! de )|${ES_I_WANT_TO_DIE}( \\.)? ?(ya no (puedo|aguanto)|no puedo mas|nada tiene sentido|ya me canse de (todo|vivir)))${notLaterInTheClause("jaja\\w*|jsjs\\w*|xd|lol|lmao|de risa")}`,
      // The veins cut, said as the writer's own plan ("me vy a cort4r la5 ven4s hoy" reads "me vy a cortar la5 venas"); not
      // the idiom for a sad song, a jam, a class or homework, or of cringe ("con este tráfico me abro las venas", "me quiero
      // cortar las venas con esta tarea"); a laugh beside it is no such sign ("me voy a cortar las venas hoy jaja ya no
      // puedo"), nor is "no vale la pena".
      `((me (voy|vy|vo|boy) a |quiero |voy a |ganas de |pienso )(cortarme|abrirme) (las |la5 |la )?venas|me ((voy|vy|vo|boy) a|quiero) {esadv}(cortar|abrir) (las |la5 |la )?venas|me (corto|abro) las venas (hoy|esta noche|ya|ahorita))${notLaterInTheClause("cancion|canciones|rola|rolas|tema|musica|playlist|disco|album|novela|telenovela|serie|pelicula|trafico|fila|cola|clase|examen|tarea|profe|maestra|maestro|cringe|verguenza|pena ajena|de risa")}`,
      // Northern Mexican slang: "darse cran" is to kill oneself ("ya me voy a dar cran yo solito").
      "(darme|me voy a dar|me vo a dar|me quiero dar|me doy|me di|dar me) cran",
    ],
  },
  {
    // Hanging oneself and stepping in front of a train, in the writer's own words: said in earnest and, in Spanish
    // chat, as often of a boring class or a missed bus ("me ahorco con la corbata del uniforme jaja", "me tiro abajo
    // del tren, voy a llegar tarde"), so they yield to a classifier sure the message is ordinary. Asked as a question
    // of how (es_metodo) they are decisive.
    id: "es_ahorcarme",
    category: "crisis",
    stance: "mention",
    patterns: [
      "(ahorcarme|ahorcandome|colgarme del cuello)",
      `me {esadv}${ES_MEANS_TO}(ahorcar|ahorco|ahorque|ahorcare)`,
      `${ES_THROW_MYSELF} {esadv}((frente|enfrente|delante|debajo|abajo) (de|a) (un|una|el|la)|frente al|enfrente del|delante del|debajo del|abajo del) (tren|metro|camion|trailer|carro|coche|auto|autobus)`,
      `${ES_THROW_MYSELF} {esadv}a las vias`,
    ],
  },
  {
    // Said in earnest and, as often, about a lost bet or a wardrobe mishap ("me quiero morir jaja"): the phrase alone
    // yields to a classifier sure the message is ordinary, like a topic named.
    id: "es_quiero_morir_hyperbole",
    category: "crisis",
    stance: "mention",
    patterns: [
      `${ES_WANTS_OR_THINKS_OF}(morirme|matarme)(?! (${ES_LAUGHING_OR_WORKING}))`,
      `(quiero|quisiera|queria|ganas de|deseo) {esadv}morir(?! (${ES_OF_LAUGHTER_OR_SHAME}|de calor|de frio))`,
      `me (quiero|queria|quisiera) {esadv}(morir|matar)(?! (${ES_OF_LAUGHTER_OR_SHAME}|estudiando|trabajando))`,
      `me (voy|vo) a {esadv}matar(?! (${ES_LAUGHING_OR_WORKING}|a (estudiar|trabajar)))`,
      // "I'd rather be dead", as often said of a chore ("prefiero estar muerta que ir a esa boda").
      "me (suicido|suicidare|suicidaria)(?! (de|en ({video_games}|el juego)))",
      "prefiero {esadv}(estar muert(o|a)|morirme|morir)(?! (de|antes|que|a (ir|tener|hacer|ver)))",
      // Dying said the way Spanish says it lightly as often as meant: "ya me quiero ir al otro barrio", "quiero estirar la
      // pata", "ya quiero colgar los tenis", "palmarla"; not of laughing or the heat.
      `(quiero|quisiera|queria|ganas de|tengo ganas de|me quiero|ya me quiero|voy a|me voy a|ya voy a|deseo) {esadv}(estirar la pata|colgar los tenis|irme al otro barrio|ir al otro barrio|ir me al otro barrio|palmarla|petatearme)(?! (de|del|con el) (${ES_LAUGHTER_OR_HEAT}))(?![^.]*(jugar|basquet|futbol|equipo|retir|temporada|cancha))`,
      `(palmarla|la palmo|la palme|la palmare|palmarme)(?! (de|del) (${ES_LAUGHTER_OR_HEAT}))`,
      // Dying as the best thing or the way out ("morirme es lo mejor que me podría pasar", "lo mejor sería no despertar"),
      // said of a game's level or dying of laughter as well.
      `(morirme|morir|matarme|suicidarme|dejar de existir|no existir) (es|seria|sera) {esadv}(lo mejor|la mejor opcion|la unica salida|la solucion)(?! (en|para) (el|este|ese|la|esta) (juego|nivel|partida|mapa)\\b)${notLaterInTheClause("juego|nivel|reaparecer|respawn|redes sociales")}`,
      "lo mejor (es|seria|sera) {esadv}(morirme|matarme|suicidarme|dejar de existir|no existir|no despertar)(?! (de|del) (risa|verguenza|pena|cringe)| en (redes|el juego|internet|el grupo))",
      // A day set: "che, el sábado me mato", "mañana me mato"; not working or studying oneself to death.
      "(hoy|manana|esta noche|el (lunes|martes|miercoles|jueves|viernes|sabado|domingo)|este (fin|finde|fin de semana)) {esadv}me (mato|suicido)(?! (de|del|estudiando|trabajando|entrenando|jugando|haciendo|corriendo|en el (gym|gimnasio|trabajo|partido)|a (estudiar|trabajar|entrenar))\\b)",
    ],
  },
  {
    id: "es_suicidio",
    category: "crisis",
    stance: "mention",
    patterns: ["suicid(io|ios|a|as)", "autolesion(es|arme|arse)?"],
  },
  {
    id: "es_no_quiero_vivir",
    category: "crisis",
    stance: "self",
    patterns: [
      "no (quiero|deseo) {esadv}(vivir|seguir viviendo|estar vivo|estar viva|existir|despertar|despertarme|volver a despertar)(?! (en|con|asi en|sin (wifi|internet|musica|cafe)))",
      // To stop existing: "quiero dejar de existir", "quisiera no existir", "quiero desvivirme"; not for a while, in a
      // class, of shame or after "jaja" ("quiero dejar de existir, mi crush me vio caerme").
      `(quiero|quisiera|queria|ganas de|tengo ganas de|necesito|deseo|ojala pudiera) {esadv}(dejar de existir|no existir|desvivirme|des vivirme|ya no estar (viva|vivo|en este mundo))(?! (un rato|por un rato|un ratito|por un ratito|por un tiempo|unos dias|por unos dias|un dia|de (la )?(verguenza|pena|risa|oso|cringe)|en (la|esta|el) (clase|fiesta|reunion|escuela|grupo|chat|redes))\\b)${notLaterInTheClause("verguenza|que pena|que oso|crush|redes sociales|en (el|este) (nivel|juego)|la partida")}`,
      "(cansado|cansada|harto|harta) de (vivir|existir|estar vivo|estar viva|la vida)",
      "ojala {esadv}(me muera|me muriera|me muriese|no despertar|no despierte|no despertara|estuviera muerto|estuviera muerta|no existiera|no hubiera nacido|nunca hubiera nacido|desaparecer|poder desaparecer|no estar viva|no estar vivo)",
      "(quiero|quisiera) {esadv}desaparecer (para siempre|de este mundo|del mundo|y no volver)",
      "(estarian|estarias|estaria|estaran|estarias) (todos )?mejor sin mi",
      // "better off dead", the writer's own.
      "(estaria|estaria yo|estoy|seria|estaba) {esadv}mejor muert(o|a)",
      "(nadie|ni uno) (me )?(extranaria|echaria de menos|notaria|se daria cuenta|lloraria) si (me muero|muero|desaparezco|desapareciera|me muriera|no estuviera|ya no estoy|me mato)",
      "no (tengo|hay|veo) (ninguna |ningun )?(razon|razones|motivo|motivos|sentido) (para|de|por (lo )?que) (vivir|seguir viviendo|seguir aqui|estar vivo|estar viva)",
      "(nada|nadie) por (lo )?(que|quien) vivir",
      "(la vida|vivir) (ya )?no vale la pena",
      "no aguanto (mas )?(vivir|la vida|estar vivo|estar viva|seguir viviendo)",
      "(ya |you )?no (quiero|aguanto) (estar|seguir) (aqui|en este mundo|vivo|viva)",
      "(dormir|dormirme) y no (despertar|volver a despertar)",
      "no (despertar|despertarme) (nunca|nunca mas|jamas|mas)",
      "(esta es|este es|sera) mi (ultimo mensaje|despedida)",
      "(carta|nota|cartas|notas) de suicidio",
      `(carta|nota|cartas|notas) de despedida${NOT_THE_WRITERS_GOODBYE_NOTE}`,
      "(me despido|adios) para siempre",
      // The writer's time in this world over: "siento que mi tiempo en este mundo ya se acabó"; "aquí" is as often a
      // stay or a school ("mi tiempo aquí ya se acabó, mañana regreso a mi casa").
      "mi tiempo (en este mundo|en la tierra) (ya )?(se acabo|se termino|termino|acabo|esta contado|ya fue)",
      // Going to a dead grandparent or parent in heaven: "ya me quiero ir con mi abuelito al cielo"; "pa arriba" is as often
      // upstairs, and "allá arriba" too when a floor is named.
      `${ES_GOING_WITH} con mi (abuelit[oa]|abuel[oa]|tat[ai]|abu|mama|papa|mami|papi|hermanit[oa]) al cielo`,
      `${ES_GOING_WITH} con mi (abuelit[oa]|abuel[oa]|tat[ai]|abu) alla arriba${notLaterInTheClause("piso|cuarto|recamara|habitacion|planta|segundo|tercer|azotea|escaleras")}`,
    ],
  },
  {
    id: "es_hacerme_dano",
    category: "self_harm",
    stance: "self",
    patterns: [
      // Not a haircut or a trim: "quiero cortarme el pelo tipo mullet", "necesito cortarme las uñas".
      "(volvi a|vuelvo a|quiero|ganas de|necesito|tengo ganas de|empece a|sigo|deje de) {esadv}(cortarme|hacerme dano|lastimarme|autolesionarme|herirme|quemarme)(?! (el|la|los|las|mi|mis|un|una) (pelo|cabello|fleco|flequillo|cerquillo|chasquilla|unas|puntas|barba|bigote|melena|mechas|capas|grena|grenas|rulos|rizos|trenzas)\\b)",
      // Cut again, or last night, as the whole of what is told: "me corté anoche", "me corté otra vez" (the matching form
      // may read "corté" as "cortes"); a haircut or a kitchen knife names what was cut or how.
      `me (corte|cortes|he cortado|volvi a cortar) (anoche|ayer)( otra vez| de nuevo)?{end}${ES_NOT_A_PAPER_KITCHEN_OR_HAIR_CUT}`,
      // Not an accident told with what cut and how: "me corté el brazo con una lata", "me corté la pierna jugando".
      `(me corto|me corte|me cortes|me estoy cortando|cortandome|me sigo cortando) (otra vez|de nuevo|los brazos|las piernas|las munecas|el brazo|la pierna|la muneca|los muslos|a proposito)${notLaterInTheClause("con (una|un|el|la) (lata|vidrio|botella|clavo|alambre|reja|rama|tijeras|hoja de papel)|cocinando|cortando (cebolla|verdura|verduras|pan|fruta)|rasurandome|afeitandome|depilandome|jugando|entrenando|sin querer|por accidente|me cai|al caer|en el partido")}`,
      "me (hice|hago|volvi a hacer|vuelvo a hacer) dano (a proposito|otra vez|de nuevo)",
      "me volvi a (cortar|lastimar|hacer dano)",
      // Said as what the writer is about to do: "esta noche me voy a cortar otra vez, más profundo", "me voy a quemar otra
      // vez con el encendedor"; not a haircut or nails, a knee hurt at a game, the sun at the beach or the oven ("me voy a cortar otra vez el pelo", "me voy a lastimar otra vez la
      // rodilla en el partido").
      `me (voy|vy|vo|boy) a {esadv}(cortar|lastimar|quemar|hacer dano) (otra vez|de nuevo)${notLaterInTheClause("pelo|cabello|fleco|flequillo|(las|mis) unas|puntas|barba|rodilla|tobillo|dedo|partido|juego|entreno|entrenamiento|cancha|futbol|gym|gimnasio|espalda|lengua|comal|sarten|cafe|sopa|playa|sol|bloqueador|horno|cocina|estufa|plancha|cebolla|verdura|verduras|madera|tela|tijeras")}`,
      "(cortarme|me corte|me corto|me voy a cortar) {esadv}mas (profundo|hondo)",
      // Scratching or cutting one's own arms, legs or skin until it bleeds: "me arañé los brazos con la llave hasta que
      // sangraron"; not the cat's scratch, an onion or a fall at a game (accents are gone: "me arañó" reads as "me araño").
      "(?<!(gato|gata|perro|perra|gatito|gatita|perrito|perrita|hermano|hermana|hermanito|hermanita|primo|prima|mama|papa|amigo|amiga|el|ella|futbol|jugando|entrenando) )me (arane|arano|aranaba|rasgune|rasguno|rasgunaba|corte|corto|cortaba) (los brazos|las piernas|la piel|las munecas|los muslos|el brazo|la pierna|la muneca|el muslo|la panza|el estomago)(?!( [a-z]+){0,6} (entrenando|jugando|patinando|corriendo|lata|vidrio|clavo|alambre|reja|cai|caida|accidente)\\b)( [a-z]+){0,6} hasta (sangrar|que (me )?(sangre|sangra|sangro|sangraron|sangrara|sangraran|salio sangre)|sacarme sangre|hacerme sangre)",
      // The normaliser reads the Spanish "corte" as the English "cortes"; the verb is meant either way.
      `me (corte|cortes) (a proposito|otra vez|de nuevo)${ES_NOT_A_PAPER_KITCHEN_OR_HAIR_CUT}`,
    ],
  },
  {
    id: "es_metodo",
    category: "crisis",
    stance: "method",
    patterns: [
      "cuantas (pastillas|pildoras) (necesito|hacen falta|tengo que tomar|me tomo|se necesitan|son|harian falta) para (morir|no despertar|matarme|no volver a despertar)",
      // Which knot holds a body's weight from a beam: "qué nudo aguanta más peso pa una cuerda colgada de la viga del cuarto";
      // not a swing, a hammock, a punching bag or a plant.
      `(nudo|nudos|cuerda|soga|lazo)( (?!(${ES_HUNG_AT_HOME}|${ES_HUNG_FOR_A_CHORE_OR_A_SPORT})\\b)\\w+){0,8} (colgad[oa] |amarrad[oa] |atad[oa] )?(de|a|en) (la|una) (viga|vigas)${notLaterInTheClause(`${ES_HUNG_AT_HOME}|decoracion|${ES_HUNG_FOR_A_CHORE_OR_A_SPORT}`)}`,
      // A rope bought with "don't ask what for", or kept for when it is too much: "me compré una soga, no preguntes para qué".
      "(compre|me compre|consegui|ya tengo|tengo) (una |la |mi )?(soga|cuerda)(?! para (saltar|brincar|tender))( \\w+){0,5}( \\.)? (no (me )?preguntes( para (que|q)| por (que|q))?|ya sabes para (que|q)|para lo que ya sabes)(?= ?(\\.|$))",
      `(tengo|ya tengo|guardo|guarde|guardadas|guardados|guardada|guardado|junto|juntando|junte|escondi|escondo|escondida|escondidas|compre|consegui)( \\w+){0,3} (la |las |los |el |una |unas |mi |mis )?(soga|cuerda|cuchilla|cuchillas|navaja|pastillas)( \\w+){0,6} (para cuando|por si) (ya )?(no aguante|no aguanto|no pueda mas|no puedo mas|lo necesite|me decida|sea demasiado)(?! (el|la|los|las) )${notLaterInTheClause("dolor|migrana|regla|colicos|frio|calor|clase|educacion fisica|gym|gimnasio|entreno|entrenamiento|escalar|escalada|partido")}`,
      `(forma|manera|formas|maneras) (mas )?(facil|faciles|rapida|rapidas|indolora|indoloras|segura)? ?(de|para) (morir|matarme|suicidarme|quitarme la vida)${ES_NOT_IN_A_GAME}`,
      "como (matarme|suicidarme|quitarme la vida)",
      // What a whole supply would do, and a bag over the head: "qué pasa si me tomo una caja entera de advil", "si me pongo
      // una bolsa en la cabeza cuánto tarda".
      "(que|q|k) (pasa|pasaria|me pasa|me pasaria) si me (tomo|tomara|trago|tragara|bebo|bebiera) (una caja|la caja|un frasco|el frasco|un blister|el blister|todas|todos|toda la caja|todo el frasco|todas las pastillas|todas mis pastillas|un bote|el bote)",
      "(me pongo|me pusiera|ponerme) una bolsa (de plastico )?en la cabeza",
      // The clitic after the verb ("aventarme") or before it ("me quiero aventar", "me aviento"), then a height: a bed,
      // a pool or a slide is not one ("me quiero tirar en la cama", "me voy a tirar a la alberca").
      `(tirarme|lanzarme|aventarme|arrojarme|botarme) {esadv}${ES_FROM_A_HEIGHT}`,
      // Where a poison is bought: "dónde se consigue cianuro aquí en méxico".
      "(donde|como) (se consigue|consigo|puedo conseguir|compro|puedo comprar|venden|se compra) (el |la )?(cianuro|arsenico|raticida|veneno para ratas|estricnina)",
      `(ya )?(compre|consegui|pedi) (el |la |un poco de )?(cianuro|arsenico|estricnina)${notLaterInTheClause("tarea|quimica|clase|proyecto|libro|semillas|laboratorio|lab")}`,
      // Out of a window is what a teen says of a surprise test ("me quiero tirar por la ventana"); thought about, it is
      // meant: "he pensado en tirarme por la ventana esta noche".
      "(he pensado|he estado pensando|pienso|estoy pensando|pensando|pense|pensaba|pensado) en {esadv}(tirarme|aventarme|lanzarme|arrojarme|botarme) (por|de|desde) (la|una|mi|esa|esta) ventana",
      // Going up somewhere high, then the jump, as the plan: "el jueves voy a la torre y me tiro", "me subo al puente y
      // me aviento"; not into water, a pool or a bungee, nor a photo taken there ("voy al puente y me tomo fotos").
      `(voy|me voy|ire|subo|me subo|voy a ir|me voy a ir|me voy a subir|voy a subir) (a|al|hasta) (la |el |lo alto de |lo alto del )?(torre|azotea|techo|puente|edificio|acantilado|barranco|precipicio)( \\w+){0,4}? y (me tiro|me aviento|me avento|me lanzo|salto)(?! (a|al|en|para|pa) )${notLaterInTheClause("foto|fotos|selfie|clavado|clavados|alberca|piscina|pileta|agua|rio|mar|lago|paracaidas|bungee|puenting|tirolesa|jaja|jajaja")}`,
      // Where on the body a cut is deadly, asked: "¿en qué parte del cuello es mortal? tengo un cuchillo".
      `(en )?(que|cual) parte (del|de la) (cuello|cuerpo|brazo|muneca|pecho|pierna|garganta) (es|seria|sería) {esadv}(mortal|letal)${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}`,
      `me {esadv}((quiero|queria|quisiera|voy a|vo a|iba a|pienso|planeo|dan ganas de|gustaria|podria|deberia|tengo ganas de) {esadv})?(tirar|lanzar|aventar|arrojar|botar|tiro|lanzo|aviento|arrojo|tirare|lanzare|aventare|arrojare) {esadv}${ES_FROM_A_HEIGHT}`,
      // The Spanish of the English method entries above, one for one: asking how, hanging, a lethal dose, swallowing
      // the bottle, poison, a train, how long it takes, how high. Each names the writer ("me", "-me", "uno", "te")
      // or asks for the way, so "cómo puedo matar al jefe final" and "jugar al ahorcado" stay ordinary.
      "como (me )?(puedo|podria|deberia|hago para|le hago para|hay que hacer para|se hace para) {esadv}(matarme|suicidarme|quitarme la vida|ahorcarme|envenenarme|cortarme las venas)",
      `como me (puedo|podria|deberia) {esadv}(matar|suicidar|quitar la vida|ahorcar|envenenar)${ES_NOT_IN_A_GAME}`,
      `como me (mato|suicido|ahorco)(?! (${ES_LAUGHING_OR_WORKING}|(en|del) ({video_games}|el juego|un juego)))`,
      "(nudo|soga|cuerda|lazo) (\\w+ ){0,4}(para )?ahorcar(me|se|te)",
      "como (ahorcarse|ahorcarme|se ahorca uno|se ahorca una)",
      "(hice|hacer|hago|tengo|ya tengo|compre|comprar|prepare|preparar|colgue|colgar|arme|armar) (una |la |mi |el |un )?(horca|nudo corredizo)",
      "(dosis|cantidad) (letal|mortal)(?! ?\\d)",
      "cuant(o|a|os|as) (de )?(mis |las |los |esas |estas |el |la )?(pastillas|pildoras|medicinas|medicamentos|paracetamol|ibuprofeno|clonazepam|rivotril|tafil|aspirinas|tylenol|melatonina|antidepresivos|calmantes|somniferos|pastillas para dormir) (es|son|seria|serian|tengo que tomar|necesito|hace falta|hacen falta|me tengo que tomar) (demasiado|demasiadas|mortal|mortales|letal|letales|suficiente para (morir|no despertar|matarme)|para (morir|no despertar|matarme))",
      `(tomarme|tragarme|me voy a tomar|me voy a tragar|me quiero tomar|me quiero tragar|me tomare|me tragare|voy a tomarme|voy a tragarme) {esadv}(todas|todo|el bote|la caja|el frasco|un monton|un punado)${ES_OF_THE_PILLS}`,
      `(me tome|me trague|me acabo de tomar|me acabo de tragar) {esadv}(el bote|la caja|el frasco|un monton|un punado|todo el bote|todo el frasco|todas las de)${ES_OF_THE_PILLS}`,
      `(tomarme|beberme|me tomo|me bebo|me voy a tomar|me voy a beber|me quiero tomar|me quiero beber|me tome|me bebi|voy a tomar|voy a beber|quiero tomar|quiero beber) {esadv}(el |la |un |una )?((medio |un |una )?(vaso|poco|botella|bote|trago|chorro|taza) de )?(cloro|clorox|lejia|blanqueador|veneno|raticida|anticongelante|matarratas)${notLaterInTheClause("limpiar|lavar|trapear|garaje|bici|bicis|tenis|ropa|bano|piso|pisos|tinaco|agua|alberca|piscina")}`,
      "cuanto (tiempo )?(tarda|tardas|se tarda|demora|se demora|te demoras|tardaria|tarde) (en )?(desangrarme|desangrarte|ahogarme|ahogarte|asfixiarme|asfixiarte|morirme|morirte|desangrarse)",
      "cuanto (tiempo )?(tarda|se tarda|demora|se demora|tardaria) (uno|una|alguien|una persona) (en )?(desangrar|desangrarse|ahogarse|asfixiarse|morir|morirse)",
      "(desde )?(que|cual|q) (piso|altura) (\\w+ ){0,4}(morirte|morirse|morirme|te mueres|te moris|se muere uno|uno se muere|mueres seguro|es mortal para una persona)",
    ],
  },
  // ── ways to die: asked for or named ──
  {
    id: "suicide_method",
    category: "crisis",
    stance: "method",
    patterns: [
      "(painless|easiest|quickest|fastest|best|quietest|surest|least painful) way(s)? to (die|kill {me}|kill {you}|end it|end my life|go)",
      "how (to|do i|do you|can i|could i) (kill|end|off|hang|drown|shoot|poison) ({me}|{you}|my life|it all)",
      `how many (${EN_PILLS_ASKED_ABOUT}) (does it take to|would it take to|will|would|to|do i need to|until you|before you) (die|kill (you|me|{me}|{you}|someone)|od|overdose)`,
      "(going|want|plan|planning|about|gonna|ready) to {adv}od{end}",
      "(take|took|taking|swallow|swallowed|swallowing) (all|a bunch|a lot|so many|too many|a handful|the whole bottle|every one|every single one)( of)? (my |the |these |those )?(pills|meds|tablets|sleeping pills|painkillers)",
      "(hang|hanging|hanged) {me}",
      // "drown myself in homework", "shoot myself in the foot" are idioms.
      "(shoot|shooting|shot|drown|drowning) {me}(?! in)",
      "(tie|tied|tying|make|made|making|buy|bought|have) a noose",
      "slit (my|{you}r|your) (wrists?|throat)",
      // Not a game's shortcut ("in the game you can jump off the cliff to skip the walk back").
      `${EN_NOT_IN_A_GAME_BEFORE}(jump|jumping) (off|from) (a|an|the|this|that|my|our) (bridge|building|roof|cliff|balcony|overpass|overpas|over pass|parking garage)${notLaterInTheClause("trampoline|snow|snowbank|pool|umbrella|mattress|used to|when i was")}(?! into)${notLaterInTheClause("speedrun|speedrunning|strats|respawn|respawns|skip the|fall damage")}`,
      "(jump|jumping|step|stepping|walk|walking) in front of (a|the) (train|car|bus|truck|subway|metro|tram)",
      // On a height, then the wish to jump: "im on the roof. i want to jump", "estoy en la azotea. me quiero tirar"; not a
      // pool's roof party, a quarry, a high dive or a cannonball, before or after. A cliff is as often a summer's jump.
      `(?<!\\b${EN_WATER_OR_JUMPING_SPOT}\\b[^.]*)(?![^.]*\\b${EN_WATER_OR_JUMPING_SPOT}\\b)(on|up on|at the top of|at) (the |a |my )?(roof|rooftop|bridge|ledge|balcony|overpass|parking garage)( of [a-z]+( [a-z]+)?)?( \\w+){0,6}( \\.)? (i|and i|so i|im|i m|and im|so im|(?<=\\. )|(?<=\\b(roof|rooftop|bridge|ledge|balcony|overpass|garage|rn|now) )) ?(want to|wanna|m going to|m gonna|am going to|am gonna|going to|gonna|will|ll|might|m about to|about to) {adv}jump{end}${notLaterInTheClause("pool|lake|river|water|ocean|sea|quarry|beach|dive|trampoline|game|{video_games}|parkour|cannonball|party|pic|photo")}`,
      `(en la azotea|en el techo|en el puente|en la orilla del puente|arriba del puente|arriba del edificio)( \\w+){0,6}( \\.)? (me quiero tirar|me voy a tirar|me tiro|voy a saltar|quiero saltar|me voy a aventar|me quiero aventar)(?! (a|en|al|un|para|pa) )${notLaterInTheClause("alberca|piscina|pileta|rio|lago|mar|agua|clavados|sol|hamaca|dormir|descansar|jaja")}`,
      // To yeet oneself is to throw oneself: off a height, in front of a train, into traffic; not into the sun, the void, a
      // pool or a game's cliff, which teens say of cold weather and homework.
      `${EN_NOT_IN_A_GAME_BEFORE}(yeet|yeeting|yeeted|yeets) {me} ((off|from) (a|an|the|this|that|my|our|some) (bridge|building|roof|cliff|balcony|overpass|parking garage)|in front of (a|the) (train|bus|truck|car)|into traffic)${notLaterInTheClause("{video_games}|game|pool|lake|river|water|ocean")}`,
      // A height with none named: "i want 2 jmp off smth high" (read "i want to jump off smth high").
      `(want|wanna|going|gonna|ready|need|about|plan|planning) (to )?{adv}(jump|jumping) (off|from) (something|smth|sth|somewhere|smwhere|anything) (high|tall|really high|high enough|tall enough)${notLaterInTheClause("trampoline|pool|diving|lake|river|water|ocean|sea|parkour|skate|bmx|ski|snowboard|game|{video_games}|foam pit|bouncy|bungee|rope swing|zip ?line|cliffs|vacation|holiday")}`,
      // Stepping off a platform as the train comes, thought of or wanted: "i stand at the edge of the platform and think
      // about just stepping off when the train comes", "i want to walk onto the tracks"; not walking out to catch a bus, nor
      // the train-tracks photo or a phone dropped there.
      `${EN_THINKS_OF_OR_URGES}(just )?(step|stepping|jump|jumping|fall|falling|lean|leaning) (off|forward|in front)( of)?( the (platform|edge|edge of the platform))?( \\w+){0,3} (when|as|before|right as|once|while) the (train|tube|subway|metro|tram|express) ${EN_COMES_BY}`,
      `${EN_THINKS_OF_OR_URGES}(just )?(step|stepping|jump|jumping|walk|walking) (out )?in front( of it)?( \\w+){0,3} (when|as|before|right as|once|while) the (bus|truck|lorry|car) ${EN_COMES_BY}`,
      `${EN_THINKS_OF}(step|stepping|jump|jumping|fall|falling|walk|walking|lie|lying|lay|laying) (onto the (tracks|rails|train tracks)|on the (tracks|rails|train tracks))${notLaterInTheClause("photo|photos|photoshoot|pics|pictures|picture|senior|get my|grab my|pick up|airpods|phone|skate|video|tiktok")}`,
      "(i|i m going to|want to|going to|should i|i should|i ll|ill|might|about to|gonna|wanna) {adv}(drink|drinking|drank) (the |some )?(bleach|antifreeze|clorox)",
      "(want|going|plan|planning|about|gonna|ready) to {adv}rope( {me})?{end}",
      "(get|buy|find|use) (a|my dads|my moms|the) gun to (kill|shoot|end) ({me}|it)",
      // How high, for certain: "how many floors so it's certain", "how high does it have to be to be sure", asked for a
      // story or not.
      "how (many|much) (floors|stories|storeys|feet|ft|meters|metres) (so|until|till|for|before|to make sure|would make) (it s|its|it is|it would be|it ll be|you re|youre|you are|she s|shes|he s|hes|i m|im|it s definitely|its definitely) {adv}(certain|guaranteed|fatal|deadly|lethal|dead)",
      "how (high|tall|many floors up|far down) (would|does|do|should) (it|you|i|a building|a bridge|the fall) (need to|have to|gotta) be (to be |for it to be |so its |so it s )?(certain|sure|fatal|deadly|lethal|guaranteed){end}",
      // A rope kept where the writer sleeps or dresses ("got the rope sorted in my wardrobe"), not for a swing or a trip.
      "(got|have|keep|keeping|kept|hid|hidden|hiding|stashed|put|hung|hanging|tied) (the|a|my) (rope|noose)(?! (back|away))( \\w+){0,2} (in|under|behind|inside|from) (my|me|the) (wardrobe|closet|bed|room|bedroom|drawer|ceiling|door)(?! for)(?!.*\\b(swing|tire|tyre|climbing|climb|camping|tent|boat|sailing|tow|tug|gym|pe|project|costume|halloween|moving|boxes|skipping|jump|scouts?|knots?|hammock|dog|horse|lasso|cowboy)\\b)",
      // The means kept by the writer for the worst moment ("got the rope in me wardrobe for when it gets too much"): "too
      // much", not "too bad" or "worse", which are said of asthma and migraines; nor a jump rope or a climbing rope. Or
      // a rope bought with "don't ask what for".
      `${EN_KEPT_BY_ME} (the |a |my |some |those |these )?(?<!(jump|jumping|skipping|skip|climbing|tow) )(rope|noose|blade|blades|razor|razors|pills|meds|tablets)( \\w+){0,6} (for when|in case) (it|things|everything|life|shit) (gets|get|becomes|become) (too much|unbearable)${notLaterInTheClause("asthma|inhaler|epipen|migraines?|headaches?|cramps|period|allergies|allergy|hayfever|hay fever|panic attacks?|anxiety attacks?|seizures?|prescribed|prescription|doctor|psychiatrist|climbing|climb|snow")}`,
      `${EN_KEPT_BY_ME} (the |a |my |some )?(?<!(jump|jumping|skipping|skip|climbing|tow) )(rope|noose)( \\w+){0,6} for when i (need it|cant take it|cant do it any more|decide|m ready|am ready)`,
      "(bought|got|ordered) (a |some |the )?(rope|noose)(?! for)( \\w+){0,5}( \\.)? (dont ask (me )?(why|what for|what its for)|you know what for)(?= ?(\\.|$))",
      "how much (of )?(my |the |these )?(sleeping )?(meds|pills|medicine|medication|tablets|tylenol|advil|ibuprofen|paracetamol|xanax|melatonin|benadryl) (is|would be|do i need|does it take|would it take|to take|until) (too much|lethal|deadly|fatal|enough|to (die|not wake up|od|overdose))",
      "(lethal|deadly|fatal) (dose|amount|dosage)(?! ?\\d| fifty)",
      "how long (does it|would it|do you|will it) (take )?to (bleed out|die|drown|suffocate)",
      // Whether a way of dying hurts or is quick: "does drowning hurt", "is hanging painless", "does drowning go quicker if
      // the lake is cold", "duele ahogarse?"; what the asker weighs before choosing one.
      `(does|do|would|will|is|isnt|can|could) (it )?(drowning|drown|bleeding out|hanging|overdosing|an overdose|od ing|oding|suffocating|suffocation|freezing to death|slitting (your|my) wrists|cutting (your|my) wrists|getting hit by a (train|car|bus|truck))( (you|u|really|actually|even|go|feel|in (cold|icy|freezing|deep) water|in a (lake|river)|in the (ocean|sea|river|lake)))? (hurt|hurts|painful|quick|quicker|fast|faster|slow|peaceful|painless|instant|take long|take a long time)${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}`,
      `which (one )?(hurts|is|would be|would hurt) (less|least|the least|more|quicker|faster|less painful|more painful|the quickest|the fastest)( \\.)?(\\s\\w+){0,3} (drowning|hanging|overdosing|an overdose|bleeding out|suffocating)${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}`,
      // The same asked the other way round: "do u think it hurts to drown", "i wonder if it's quick to bleed out"; not
      // drowning in homework.
      `(think|reckon|guess|wonder|does|would|will|is) (if |whether )?(it )?(hurts|would hurt|will hurt|hurt|is painful|would be painful|is quick|would be quick|s quick|s painful|quick|painful|slow|peaceful) to (drown|bleed out|overdose|od|suffocate|freeze to death|hang (yourself|urself|myself|{you}|{me})|get hit by a (train|car|bus|truck))(?! in )${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}${notAnywhere("hunt|hunts|hunting|deer|almost|when i was|reading|read|clipped|nearly|cpr|first aid|lifeguard|health class|unit")}`,
      // Whether a way of dying works: "does slitting your wrists actually work", "cortarse las venas sí funciona o eso es
      // mentira de las series", "¿ahorcarse mata rápido?".
      `(does|do|would|will|can|could) (it )?(drowning|hanging( (yourself|urself|myself|{you}|{me}))?|overdosing|an overdose|od ing|oding|slitting (your|my|ur) wrists|cutting (your|my|ur) wrists|bleeding out|jumping (off|from) (a|the) (bridge|building|roof)|drinking (bleach|clorox))( (really|actually|even|always|definitely))? (work|works|kill (you|u|someone|a person|people|me))( (right away|instantly|fast|quickly|for sure))?( or\\b|{end})${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}${notAnywhere("brother|sister|cousin|almost|teeth|whiten|whitening|tiktok|hp|rogue|d ?& ?d|dnd|campaign|river|lake|water|pool|quarry|swim|swimming|summer")}`,
      `((${ES_WAYS_ASKED_IF_THEY_WORK}) (si |${ES_REALLY})?(funciona|sirve|mata)|(${ES_REALLY})?(funciona|sirve) (${ES_WAYS_ASKED_IF_THEY_WORK}))( o\\b|{end})${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}`,
      `((duele|dolera|es doloroso|es rapido|es rapida|es lento|es instantaneo|se siente algo|se sufre|sufres) (mucho )?(ahogarse|ahogarte|morir ahogad[oa]|desangrarse|desangrarte|ahorcarse|ahorcarte|cortarse las venas|cortarte las venas|morir congelad[oa]|morir de frio|una sobredosis|sobredosis)|(ahogarse|morir ahogad[oa]|desangrarse|ahorcarse|cortarse las venas|morir congelad[oa]|una sobredosis) (duele|es doloroso|es rapido|es lento|es instantaneo))${NOT_ABOUT_A_STORY_OR_AN_ANIMAL}`,
      // How high a fall must be, asked: "how high do you have to jump from to definitely die", "how many stories do you
      // need to fall from to not survive"; whether people regret it on the way down.
      "how (high|far|many floors|many stories|many storeys) (do|would|does|should) (you|u|someone|a person|i|people) (have to|need to|gotta|got to) (jump|fall|drop)( from| off)?(\\s\\w+){0,2} to (definitely |actually |really |for sure )?(die|not survive|be dead)",
      "(regret it|change (their|your|my) mind|changed (their|your|my) mind) (halfway|on the way|mid way|midway) down",
      // A day and a place picked together: "i've picked the bridge and the date".
      `${EN_PICKED} (the|a) (bridge|building|spot|place|method|way) and (the|a) (date|day|time)|${EN_PICKED} (the|a) (date|day|time) and (the|a) (bridge|building|spot|place|method)`,
      // Much of a medicine got without notice: "what's a good excuse for buying a lot of tylenol at once".
      "(excuse|reason|way) (for|to) (buy|buying|get|getting) (a lot|lots|a bunch|so much|so many|a ton|tons|loads) of (tylenol|advil|pills|painkillers|sleeping pills|meds|paracetamol|ibuprofen|benadryl|melatonin)",
      // How a car's exhaust kills, asked: "does carbon monoxide in a closed garage hurt or do u just fall asleep", "weon el
      // monóxido del auto cuánto se demora"; not a chemistry project, a detector or a heater aired out.
      `((carbon monoxide|monoxido|car exhaust|exhaust fumes)(\\s\\w+){0,6} (hurt|hurts|feel|work|works|take|takes|fast|quick|drift|pass out|fall asleep|se demora|demora|tarda|duele|se siente|funciona)|(die|dying|pass out|passing out|morir|morirse|desmayarse|dormirse) (from|de|por|con) (the |el )?(carbon monoxide|monoxido|car exhaust|exhaust fumes))${notAnywhere(EN_MONOXIDE_AT_SCHOOL)}`,
      // Whether a fall from somewhere kills, in Spanish: "¿si alguien se tira de la muralla se muere?".
      `${notLaterInTheClause("pelicula|serie|juego|{video_games}|clavado|clavados|alberca|piscina|rio|lago|mar|agua|paracaidas|columpio|resbaladilla|tobogan|litera|cama|sillon|bici|hermanito|hermanita|jaja\\w*")}(alguien|uno|una|una persona|alguno) se (tira|avienta|lanza|tirara|aventara) (de|desde|del) ([a-z]+\\s){0,6}(se muere|muere|se mata|sobrevive|la palma|se salva)`,
      // Whether a floor is high enough: "would the 8th floor be enough", "desde el piso 8 sí funciona?"; asked from a
      // floor, of nothing else (not the wifi or the lift).
      `((would|will|does|is|could) (the |a )?(\\d+(st|nd|rd|th)?|fifth|sixth|seventh|eighth|ninth|tenth|top) (floor|story|storey)( one)? (be enough|be high enough|be fatal|be deadly|be lethal)|(is|are|would|will) ${EN_A_NUMBER_OF_FLOORS}( up| high)? (be )?(high )?enough|${EN_A_NUMBER_OF_FLOORS}( high| tall| up)?( \\.)? (would|will|is) (that|it|this) (be )?(high )?enough){end}${NOT_ABOUT_A_FLOOR_FOR_SOMETHING_ELSE}`,
      "desde (el )?(piso|planta) (\\d+|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|veinte|mas alto) (si |ya )?(funciona|sirve|alcanza|es suficiente|basta|es seguro)( o no)?{end}",
      // Whether a fall from a height given in feet or floors kills: "would jumping from 40 ft kill you".
      `((would|will|could|does|can|is) (a |the )?(jump|jumping|fall|falling|drop|dropping) (from|off|of) (a |the )?(\\w+\\s){0,2}(ft|feet|foot|floors|stories|storeys|story|meters|metres)( up| high| down| drop)?|(would|will|could|can) a (\\d+|twenty|thirty|forty|fifty|sixty|a hundred) ?(ft|feet|foot|meter|metre|m|story|storey|floor) (drop|fall|jump)) (kill (you|u|me|someone|somebody|a person|a human|people|anyone)|be fatal|be deadly|be lethal|be enough to (die|kill))${NOT_ABOUT_A_FALL_FOR_SOMETHING_ELSE}`,
      // The English of the Spanish entries ("cuántas aspirinas son demasiadas", "desde qué piso"), one for one.
      `how many (${EN_PILLS_ASKED_ABOUT}|aspirin|benadryl|melatonin) (would be|is|are|is it) too many(?! (in a day|a day|per day|for (a |my |the )?(headache|cramps|fever|cold|flu|migraine|toothache|period|back|sore throat)))`,
      "how (many|much) (mg|milligrams|grams) (of )?(tylenol|advil|ibuprofen|paracetamol|acetaminophen|xanax|aspirin|benadryl|melatonin|my meds|my pills|sleeping pills) (is|would be|are) (deadly|lethal|fatal|too much|enough to die)",
      "(what|which) floor (is|would be) (high enough|enough|fatal|deadly|lethal)",
      // Asking what a whole supply would do: "what happens if i take a whole bottle of tylenol"; two advil is no method.
      "(what happens|what would happen|what will happen|would i die|would i be ok|will i die) if (i|you|someone|a person) (take|took|swallow|swallowed|down|downed) (a whole|the whole|an entire|a full|all (the|my|of my|of the)|every) (bottle|box|pack|packet|strip|sheet|blister|pills|meds|tablets)",
      // Asking whether a height or a dose is enough to die: "is 5 stories high enough? like to definitely not survive",
      // "would 20 pills be enough to not wake up"; not a hill to die on, nor hot sauce "strong enough to kill you".
      "((high|tall|deep|far) enough|(pills|tablets|meds|mg|milligrams|stories|floors|feet|ft) (be |is |are |would be )?enough)( \\.)?( like| i mean| as in)? to {adv}(not survive|not wake up|die|be fatal|kill {me})(?! (of|laughing|on( \\.|$)|on (this|that|a|the) hill|in ({video_games}|the game)))",
      "how (high|tall|far) (does|do|would|should) (a |the )?(bridge|building|roof|drop|fall) (have to|need to|be|to) (be )?(to )?(die|kill|be fatal|be deadly)?",
      // A count of one's medicines asked about as enough: "would 30 of my sertraline be enough", "are 40 advil too many";
      // two of them for a headache, or enough to sleep, is an ordinary question.
      `(would|will|is|are|could|does|do) (\\d{2,}|twenty|thirty|forty|fifty|sixty|a hundred) (of )?(my |these |those |the |her |his |my (moms|mums|dads|sisters|brothers|grandmas|grandpas|nans) )?${EN_MEDS} (be |is |are )?(enough|too many|too much|lethal|deadly|fatal)(?! (for|to (help|get|fix|stop|last|sleep|fall asleep|calm|work|feel better|carry|bring|pack|take on)|(in a|in one|a|per|each) (day|week)|on a plane))`,
      // Suffocating under a bag: "how long till you pass out with a bag over your head".
      `(pass out|black out|suffocate|die|go unconscious|lose consciousness)( \\w+){0,2} (with|from|using|under) ${EN_A_PLASTIC_BAG} (over|on|around) (your|my|someones|the) (head|face)`,
      // A height picked for jumping: "i pick the spot on the overpass where id jump".
      `(${EN_HIGH_PLACES}|ledge|tracks)( \\w+){0,8} where (i d|id|i would|i will|ill|i ll|i could|i can|i should|i am going to|im going to|i m going to) {adv}(jump|do it|go off)(?! (in|into|on|over|rope|for|with))(?![^.]*(diving|cliff jump|swim|into the water|river in summer))`,
      // Asked as if from curiosity, each a way of dying: whether a fall from a height is survivable ("can u die from a 4th
      // floor fall"; not in a game or for physics), whether trains stop for someone on the tracks, where cyanide is bought
      // (rat poison is bought for mice: method_in_passing).
      `${EN_CAN_SOMEONE_SURVIVE} ((a )?(fall|jump|drop|falling|jumping) |after (a )?(fall|jump|drop|falling|jumping) |if (you|i|they|someone|u) (fall|falls|fell|jump|jumps|jumped) )?(from|off|out of)? ?(a |the |an |my )?${EN_HEIGHT}${notLaterInTheClause("into|in to|onto|{video_games}|zelda|the game|a game|in game|physics|the movie|a movie|the show|anime|pe class|science class|homework|parachute|ladder|trampoline|tree|pool|lake|river|skydiving|bungee|climbing")}`,
      `(do|does|can|could|would|will) (the |a )?(train|trains|train drivers|train driver|drivers|conductors|metro|subway|tram) (\\w+ ){0,4}(stop|brake)( in time)? (if|when|for) (someone|somebody|a person|people|a kid|i|you|u)( (is|are|was|were|s|jumps|jumped|jump|stands|stood|lies|lay|laid|lie|is lying|steps|stepped|sits|sat))? (on|in front of|onto) (the )?(track|tracks|rails|train|them|it)${notLaterInTheClause("subway surfers|in (the|a) game|minecraft|roblox|movie|show")}`,
      `${EN_WHERE_TO_BUY} (some )?${EN_POISONS}${EN_POISON_FOR_SCHOOL}`,
      `${EN_MAY_I_BUY} (some )?${EN_POISONS}${EN_POISON_FOR_SCHOOL}`,
      `i (just |finally |already )?(bought|got|ordered|have) (the |some )?${EN_POISONS}${notLaterInTheClause("seeds|pits|almonds|book|story|movie|chem|chemistry|project|class|sample|lab|homework")}`,
      // Getting at a parent's gun in secret: "how do i figure out my dads gun safe code without him noticing".
      `(figure out|guess|crack|hack|find out|get|learn|break into|get into|open|unlock|pick) (the )?((my )?${EN_A_RELATIVES}|my (dad|mom|parents|stepdad|grandpa|uncle|brother|family)s) gun (safe|cabinet|case|locker|box)( code| combo| combination| key| lock| password)?${EN_GUN_FOR_SPORT}`,
      `(figure out|guess|crack|hack|find out|get|learn|whats|what is|what s|know) (the )?(code|combo|combination|key|password) (to|for|of) (the |my )?(${EN_A_RELATIVES} )?gun (safe|cabinet|case|locker|box)${EN_GUN_FOR_SPORT}`,
    ],
  },
  {
    id: "overdose",
    category: "crisis",
    stance: "mention",
    // Said in full, or as teens type it ("can you od on melatonin"); a mention, which a classifier sure of an ordinary
    // question (a health class's) overrules.
    patterns: [
      // Handfuls of pills taken: "i've been taking handfuls of my mom's iron pills".
      "(taking|took|take|swallowing|swallowed|eating|ate) (handfuls|a handful|fistfuls|a fistful) of (my |her |his |the |those |these |my (moms|mums|dads|sisters|brothers|grandmas|nans) )?([a-z]+ )?(pills|meds|tablets|tylenol|advil|painkillers|sleeping pills|vitamins)",
      "overdos(e|ed|es|ing)",
      "(od|oded|od d|oding) on(?! (anime|tiktok|coffee|caffeine|energy drinks?|monster|red bull|sugar|candy|chocolate|boba|kpop|netflix))",
      // A count taken out of the writer's own supply ("i took like 8 of my antidepressants earlier to see what happens"), or
      // ten and more ("took 20 tylenol"): as often a dose over days or as prescribed, so a mention the classifier may
      // overrule; not someone else's doing, a milligram count or gummies.
      `${EN_SWALLOWED_BY_THE_WRITER} ${EN_ABOUT}([5-9]|[1-9]\\d{1,2}|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty) of (my|the|mums|moms|dads|mum s|mom s|dad s|my (mums|moms|dads|mum s|mom s|dad s|nans|grandmas)) (sleeping |extra |prescription )?${EN_MEDS}${EN_NOT_A_DOSE}`,
      `${EN_SWALLOWED_BY_THE_WRITER} ${EN_ABOUT}([1-9]\\d{1,2}|ten|eleven|twelve|fifteen|twenty|thirty) (sleeping |extra )?${EN_MEDS}${EN_NOT_A_DOSE}`,
      `${EN_SWALLOWED_BY_THE_WRITER} ${EN_ABOUT}([6-9]|six|seven|eight|nine) (sleeping pills|antidepressants|sleeping tablets|xanax|klonopin|ativan|valium|sertraline|zoloft|prozac)${EN_NOT_A_DOSE}`,
    ],
  },
  {
    // A way of dying named in passing, as often said in jest or of something else: a rope made ready (or a tire swing's),
    // a bag over one's head (for shame), jumping out of a window (a surprise test), rat poison asked about (for mice),
    // where a parent keeps the gun (for a hunting trip). Each yields to a classifier sure the message is ordinary, like
    // a topic named.
    id: "method_in_passing",
    category: "crisis",
    stance: "mention",
    patterns: [
      `(put|putting|tie|tying|tape|taping|pull|pulling) ${EN_A_PLASTIC_BAG} (over|around) my (head|face) (and|till|until|to) `,
      "(the |my )?rope (is|s|was) {adv}(sorted|ready|tied|set up|hung up|hidden|in my (closet|wardrobe|room|car|backpack|bag|drawer))(?! (for|to)\\b)",
      "(thought|thinking|think|thinks|been thinking) (about|of) {adv}(jumping|throwing myself) (out|from|off) (of )?(the|my|a|our) (window|balcony|roof)(?! (into|in to|onto)| in the (pool|lake|river|water))",
      // Rat poison bought or asked about ("can a 13 year old buy rat poison"), not for mice; where a parent keeps the gun,
      // not for a hunting trip.
      `${EN_WHERE_TO_BUY} (some )?rat poison${EN_POISON_FOR_PESTS}`,
      `${EN_MAY_I_BUY} (some )?rat poison${EN_POISON_FOR_PESTS}`,
      // A fall in feet or metres asked about ("could someone survive a fall from 40 feet"): as often a ladder, a
      // trampoline or a cliff jump into water.
      `${EN_CAN_SOMEONE_SURVIVE} (from |after )?(a )?(fall|jump|drop|falling|jumping)? ?(from |off |of )?(a |an )?\\d{2,} ?(feet|foot|ft|meters|metres|m)( fall| drop| jump)?${notLaterInTheClause("ladder|trampoline|tree|water|pool|lake|river|ocean|skydiving|bungee|climbing|parachute|into")}`,
      `where (my|his|her) (dad|mom|stepdad|grandpa|uncle|brother|father|parents) (keeps|keep|hides|hide|puts|put) (his|her|their|the) (gun|guns|pistol|rifle|shotgun|handgun|revolver)${notLaterInTheClause("hunt|hunting|range|skeet|clean|cleaning|deer|season|shooting")}`,
    ],
  },
  {
    // Dying without pain is what a method question asks for ("qué medicamento es más rápido para morir sin dolor"); named
    // as asked for or as a way, not as a hope for a grandparent or a pet, and a mention all the same.
    id: "die_without_pain",
    category: "crisis",
    stance: "mention",
    patterns: [
      // Asked for oneself or as a way: "let me go painlessly", "a way to die without pain"; a surgery or a pet's last
      // visit to the vet "going painlessly" is neither.
      "(let me|help me|so i can|i could|i can|can i|could i|way to|ways to|how to|how do i|how can i|how could i|want to|wanna|wants to|need to|would like to|rather|make you|i will|ill) (die|kill {me}|end it|go) (painlessly|without (any )?(pain|it hurting))",
      "(para|como|quiero|queria|quisiera|quiere|necesito|forma de|manera de|puedo|podria) (morir|morirme|morirse|matarme|matarse|suicidarme|suicidarse|quitarme la vida|quitarse la vida) (sin (dolor|sufrir)|rapido y sin dolor)",
    ],
  },
  // ── self-harm ──
  {
    id: "self_harm",
    category: "self_harm",
    stance: "mention",
    patterns: ["self ?harm(s|ed|ing|er)?", "self ?injur(y|ies|e|ed|ing)", "self ?mutilat(e|ion|ing)"],
  },
  {
    id: "cutting",
    category: "self_harm",
    stance: "self",
    patterns: [
      "cutting {me}",
      // Kitchen and shaving cuts are accidents, not self-harm.
      "cut {me}(?! (shaving|cooking|chopping|on (a|the|some|my)|with (a|the) (knife|paper)|by accident|accidentally|while|slicing))",
      "cut (my|myself on my|into my) (wrists?|thighs?|skin)",
      "(started|start|been|keep|kept|still|stop|stopped|quit|quitting|relapsed|relapse|back to|went back to|urge to|urges to|want to|wanted to|thinking about|thought about|tempted to|clean from|addicted to) {adv}(cutting|cut)( again| myself)?{end}",
      "(?<!(hair|bangs|grass|lawn|nails|class|classes|school|fringe|it|them) )(cut|cutting) again",
      "(hide|hiding|hid|cover|covering|covered) (up )?(my |the )?(scars|cuts|wounds|blades|razors?)",
      // Marks hidden under clothes or in summer ("where do u hide marks in summer when everyone wears shorts"); not a
      // British teen's marks (grades) hidden from a parent, marks somebody left on the writer, or marks from a cat,
      // shaving or a jab.
      `(hide|hiding|hid|cover|covering|covered) (up )?(my |the |these |those )?marks(?! (my|his|her|their|he|she|they) )${notLaterInTheClause("report|reports|report card|grades|results|exams?|tests?|maths|math|english|science|history|failed|gcses?|mocks?|teacher|school|gave me|left on me|got (a|an) [a-f]")}(?![^.]*\\bfrom (my |the |a |an |some )?(cat|cats|dog|dogs|kitten|puppy|shaving|shave|razor burn|mosquito|mosquitoes|bug|bugs|bites|jab|vaccine|vaccination|shot|tattoo|watch|fall|falling|sport|sports|game|practice|surgery|acne|eczema)\\b)[^.]*\\b(summer|shorts|short sleeves|long sleeves|sleeves|hoodies?|bracelets?|concealer|makeup|foundation|swimsuit|bikini|swimming|pool|beach)\\b`,
      "blades? out of (a|my|the) (pencil )?(sharpener|razor)",
      // Broken open by the writer for its blade, and said as a secret or a habit ("broke the sharpener open. dont judge
      // me", "cracked open another sharpener again"): clearing stuck lead, or a brother's doing, is not.
      `${EN_NOT_THE_WRITER_BEFORE}(broke|break|breaking|cracked|smashed|took|taking|pried|prying) (open )?(a |my |the |another )?(pencil )?sharpeners? (open|apart)${EN_SHARPENER_FOR_ITS_BLADE}`,
      `${EN_NOT_THE_WRITER_BEFORE}(broke|cracked|smashed|pried) open (a |my |the |another )?(pencil )?sharpeners?${EN_SHARPENER_FOR_ITS_BLADE}`,
      "(my|the|fresh|new|deep) cuts (on|from) my (arms?|wrists?|thighs?|legs?)",
    ],
  },
  {
    id: "hurt_myself",
    category: "self_harm",
    stance: "self",
    patterns: [
      // One's own body hurt on purpose: "i slammed my hand in the door on purpose. twice", "burning my arm w the curling
      // iron on purpose rn"; not a door slammed or a brother hit.
      "(slammed|slam|slamming|hit|hitting|punched|punching|burned|burnt|burning|bit|biting|scratched|scratching|banged|banging|whacked|whacking|smashed|smashing) my (own )?(hand|hands|head|arm|arms|fist|wrist|wrists|leg|legs|thigh|thighs|skin|face|knuckles)(\\s\\w+){0,5} on purpose",
      // Cut deeper than before, or arms that show it: "went deeper than usual this time", "my arms look like a crime scene".
      "(^|\\. |i |i ve |ive |just |and )(cut|went) (a lot |way |much |a bit )?deeper than (usual|before|last time|normal|ever)",
      "(my )?(arms|wrists|thighs|legs|arm|wrist|thigh) (look|looks|looking) like (a )?(crime scene|murder scene|battlefield|war zone|warzone|butcher shop)",
      "(want|wanted|need|going|urge|urges|tempted|trying|plan|planning|start|started|ready|about) to {adv}(hurt|harm|punish|burn|cut|hit|starve|scratch) {me}",
      "(feel like|thinking about|thought about|keep|kept|been|stop|stopped|started|quit) {adv}(hurting|harming|punishing|burning|cutting|hitting|starving|scratching) {me}",
      "(hurt|harm|harmed|hurting|harming|burn|burned|burnt|burning|punish|punished) {me} (on purpose|again|to feel|because i deserve|to cope)",
      "(i|i m|im|i am|ive|i ve) (been )?(starving|starve|starved|punishing|burning|hitting) {me}",
      "(make|made|making) {me} (throw up|puke|vomit|purge)",
    ],
  },
  {
    id: "self_harm_slang",
    category: "self_harm",
    stance: "self",
    // "sh" is self-harm only next to words that say so: urges, scars, relapse, days clean.
    patterns: [
      "(relapsed|relapse|relapsing|urges?|scars?|clean|recovery|recovering) (on |from |for |with |of )?sh",
      "sh (urges?|scars?|relapse|relapsed|again|wounds?|cuts?|marks)",
      "\\d+ (days|weeks|months) clean (from|of) (cutting|sh|self ?harm)",
      // The self-harm community's own words for rows of cuts and for how deep they went: "my arms look like a barcode",
      // "went to styro", "hit beans", "zebra stripes on my arm".
      "(look|looks|looking|looked) like a barcode",
      "barcodes? (wrists?|arms?|thighs?|legs?|thing|era)",
      "(new|fresh|more) barcodes",
      "barcodes? (on|across|up|down|all over) (my |both |the )?(wrists?|arms?|forearms?|thighs?|legs?|hips?|stomach)",
      "(went|go|going|got|get|hit|hitting|reached|cut|cuts|down) (to |into )?styro(?! ?(cups?|foam|box|boxes|cooler|plates?))",
      "styro (again|tonight|on my|deep|cuts?)",
      "(hit|hitting|reached|went to|got to) beans",
      "beans (are|were) showing",
      "(zebra|new|fresh) stripes (on my (arms?|legs?|thighs?|wrists?|stomach)|rn|tonight|again)",
      "catching (new )?stripes",
    ],
  },
  {
    // Blades of one's own, as often a skater's or a shaver's as a teen who cuts: alone they yield to a classifier sure
    // the message is ordinary.
    id: "self_harm_blades",
    category: "self_harm",
    stance: "mention",
    patterns: [
      "(my|new|more|the|a pack of) (razor )?blades(?! (for|on|of) (my |the )?(skates?|hockey|mower|razor|fan|blender))",
      // In Spanish: a blade in hand ("tengo el cúter en la mano", "voy a agarrar la cuchilla") and new cuts ("cortes nuevos
      // hoy, mangas largas otra vez"); not a haircut.
      "(tengo|agarrar|agarro|agarre|saque|sacar|busque|buscar|compre|comprar|escondo|esconder|escondi) (el|la|un|una|mi|las|los|mis) (cuchilla|cuchillas|navaja|navajas|cuter|cutter|gillette|gilette|hoja de afeitar|hojas de afeitar)(?! (para|de)\\b)(?![^.]*(cortar la|cortar el|maqueta|rastrillo|rasurar|afeitar|campamento|patin|suiza|cocina|manualidad))",
      `(cortes|cortadas) (nuevos|nuevas|frescos|frescas)(?! de (pelo|cabello))${ES_CUT_BY_ACCIDENT}`,
      `(nuevos|nuevas) (cortes|cortadas)(?! de (pelo|cabello))${ES_CUT_BY_ACCIDENT}`,
    ],
  },
  // ── being told to die ──
  {
    id: "told_to_die",
    category: "crisis",
    stance: "told",
    patterns: [
      // Not "kys" said as a joke over a game, which the writer asks how to answer ("my friend said 'kys' in the group chat as a
      // joke when i beat him in 2k, should i say something to him"): a teen dealing with a rude friend.
      `(told|tell|tells|telling|said|say|says|saying|commented|comment|texted|text|dmd|messaged|wrote|posted) (me )?(to )?(just |go )*kys${EN_NOT_A_JOKE_ASKED_ABOUT}`,
      "(told|tell|tells|telling) me (to )?(just |go )*(kill {me}|kill {you}|die|unalive {you}|unalive {me}|neck {you})",
      "(someone|somebody|people|anyone|they|others|he|she|who|whoever) (who )?(tell|tells|told|telling|say|says|said|saying|keep telling|keeps telling) (you|me) (to )?(just |go )*(kys|kill {you}|kill {me}|die)",
      "(said|says|saying|commented|texted|dmd|messaged|wrote|posted) (to me )?(to )?(just |go )*(kill {you}|go die|unalive {you}|neck {you})",
      "(said|says|saying|think|thinks|thought|want|wants|wanted) (that )?i should (just )?(kys|kill {me}|die|unalive|not exist|disappear)",
      // The same said to the writer as "you" by a person: "my ex texted me you should kill yourself", "he said you should
      // die in a hole"; not a song, a game or a joke about a play, a dye job or an achievement.
      `${TOLD_BY} (said|says|saying|told me|tells me|telling me|keeps telling me|keeps saying|texted me|texted|dmd me|messaged me|wrote|commented) (that )?(you|u) should (just )?(kys|kill {you}|die|go die|unalive {you})${NOT_SAID_IN_JEST}`,
      // Wished dead by someone close, told to the writer: "my mom said she wants me to die", "my dad wishes i was dead".
      "(said|says|saying|keeps saying|told me|tells me|texted me|yelled|screamed) (that )?(she|he|they) (wants|want|wanted|wishes|wished|would rather) (me to die|me dead|i was dead|i were dead|i would die|i d die|i had never been born|i was never born|i wasnt born)" + NOT_SAID_IN_JEST + "{end}",
      `(she|he|they|${PEOPLE_CLOSE}) (wishes|wished|wish) (that )?(i (was|were|would|d) (dead|die|never born)|i had never been born){end}`,
      // In Spanish, told to kill oneself or wished dead: "mi ex me dijo que me matara", "me dicen que me mate", "mi mamá me
      // dijo que quiere que me muera"; not in a game nor dying of laughter, nor "ojalá te mueras" quoted from a card game.
      "(me|nos) (dijo|dice|dicen|dijeron|decia|decian|escribio|escribe|escribieron|mando|mandaron|grito|gritaron|comento|comentaron|pone|puso) (que )?((quiere|quisiera|queria|desearia|ojala) (que )?)?me (matara|mate|matase|suicidara|suicide|muera|muriera)(?! (de|del|en (el juego|{video_games}|free fire)|jugando))",
    ],
  },
  // ── someone the writer knows ──
  {
    // A friend, a sibling or a classmate who says they mean to die, or who is hurting themselves, told by the teen who
    // knows them. Someone in a book or in history ("why did romeo and juliet kill themselves") is not named here.
    id: "someone_at_risk",
    category: "crisis",
    stance: "someone",
    patterns: [
      ...EN_SOMEONE_AT_RISK,
      ...ES_SOMEONE_AT_RISK,
    ],
  },
  {
    // The writer joining a friend's words: "my friend wants to die and so do i", "mi amiga se quiere matar y yo también".
    // The friend's words alone are someone_at_risk's; the answer after them makes them the writer's own as well.
    id: "me_too_after_someone",
    category: "crisis",
    stance: "self",
    joinsSomeone: true,
    patterns: [
      ...EN_SOMEONE_AT_RISK.map((friend) => `${friend}${EN_WRITER_JOINS}`),
      ...ES_SOMEONE_AT_RISK.map((friend) => `${friend}${ES_WRITER_JOINS}`),
    ],
  },
  {
    // Two or more dying together: a pact, or "we" who mean to, the writer among them.
    id: "suicide_pact",
    category: "crisis",
    stance: "self",
    patterns: [
      "suicide pact",
      // "die" is as often "dye" ("a pact to die our hair blue"), and going or doing it together is prom or an audition.
      "pact (to|that we would|that we d|that we will|where we) {adv}(die(?! (our|my|her|his|their|it|them) )|kill ourselves|end it|end it all|end our lives|unalive ourselves)",
      "(kill ourselves|end our lives|unalive ourselves|end it all) together",
      "(want|wanted|going|plan|planning|decided|promised|agreed|ready) to {adv}die together(?! (on|in) (this|that|the) )",
      "pacto (suicida|de muerte|para {esadv}(matarnos|suicidarnos|quitarnos la vida)|de (matarnos|suicidarnos))",
      // Dying together in Spanish is as often a failed test or growing old together ("vamos a morir juntos jaja").
      "(matarnos|suicidarnos|quitarnos la vida) (juntos|juntas)",
    ],
  },
  {
    // "We" who mean to kill ourselves. Working or laughing oneself to death is not meant ("we killed ourselves at
    // practice"), and only a meaning to ("want to", "vamos a") is read.
    id: "kill_ourselves",
    category: "crisis",
    stance: "self",
    patterns: [
      "(want|wanted|going|plan|planning|decided|about|ready|trying|need) to {adv}(kill|end|off|unalive) ourselves(?! (at|in|on|for|with|over|doing|running|studying|laughing|working|training|trying|tryna|to finish|finishing|after (this|that|the|our) (test|quiz|exam|game|match|practice|class|final)))",
      // "matarnos" alone is as often each other ("mi hermana y yo nos vamos a matar"): only the words that mean oneself.
      "(queremos|vamos a|planeamos|pensamos|decidimos) {esadv}(suicidarnos|quitarnos la vida)",
      "nos (queremos|vamos a|pensamos|planeamos) {esadv}(suicidar|quitar la vida)",
    ],
  },
  // ── abuse disclosures ──
  {
    id: "abuse_disclosure",
    category: "crisis",
    stance: "disclosure",
    patterns: [
      "(i was|i got|i ve been|ive been|i am being|i m being|im being|i have been|i keep getting|getting) (sexually )?(raped|molested|abused|assaulted|groped|groomed|trafficked)",
      // Who does it, then what: a touch with no place named ("my uncle touches me when my mom is not home") is one too,
      // but not a hand on the shoulder to wake someone.
      `${EN_HOUSEHOLD} {adv}(keeps |kept |always |still |sometimes )?(touches|touched|touching|gropes|groped|groping|fondles|fondled|molests|molested|abuses|abused|rapes|raped) me(?! (on|in) (the|my) (shoulder|arm|back|head|hand|hair)| to wake| by accident| accidentally)`,
      // Not "threatened to kill me": said of teachers and mothers in jest as often ("teacher threatened to kill me lol").
      `${EN_HOUSEHOLD} {adv}(threatens|threatened|keeps threatening|threatening) to (hurt|hit|beat|rape|touch) me`,
      `${EN_HOUSEHOLD} {adv}(makes|made|forces|forced|keeps making|pressures|pressured|keeps pressuring) me (to )?(send (him |her |them )?(nudes|noods|naked (pics|pictures|photos)|pics of my body)|touch (him|her|them|his|hers)|take off my clothes|have sex|sleep with (him|her|them)|watch porn|do (sexual )?(stuff|things) i dont want)`,
      "(threatens|threatened|threatening) to (post|share|send|leak) my (nudes|pics|photos|pictures)",
      "(raped|molested|sexually abused|sexually assaulted|groped|abuses|abused|grooming) me",
      "(touches|touched|touching|keeps touching|kept touching) me (there|down there|inappropriately|at night|when no one|when nobody|under my|in my (room|bed|sleep|private|privates|private parts))",
      "(wants|wanted|tries|tried|trying|keeps trying|kept trying) to touch me",
      // "my sister beats me at chess" is a game, not a disclosure.
      // Hitting is named only of the grown-ups and partners a teen lives with: brothers and cousins wrestle.
      `${EN_GROWN_UPS} {adv}(hits|beats|chokes|strangles|burns|kicks|slaps|punches|keeps hitting|always hits|beat|choked|strangled|hit|kicked|slapped|punched|burned) me(?! (at|in|to|by|with the ball|up|out|off|back))`,
      "(keeps |kept |always )?(asking|asked|asks|wants|wanted|pressuring|pressured|begging|begged) me (for|to send) (nudes|noods|naked pics|pics of my body)",
    ],
  },
  {
    id: "es_abuse_disclosure",
    category: "crisis",
    stance: "disclosure",
    patterns: [
      // Who, then what: "mi papá me pega", "mi padrastro a veces me toca". "Pegar" is also to give a fright, a shout
      // or a cold ("me pega un grito", "me pegó la gripa"): an article after it is that.
      `${ES_GROWN_UPS} ${ES_WHEN}me (pega|pegan|pego|pegaba|pegaban|pegaron)(?! (un|una|unos|unas|el|la|los|las|su|sus|mi|mis|tu|tus|lo|le|que))`,
      `${ES_GROWN_UPS} ${ES_WHEN}me (golpea|golpean|golpeo|golpeaba|golpeaban|golpearon|patea|patean|pateo|pateaba|cachetea|cacheteo|cacheteaba|abofetea|abofeteo|ahorca|ahorco|ahorcaba|estrangula|estrangulo|quema|quemo|maltrata|maltratan|maltrato|maltrataba|madrea|madreo|madreaba|azota|azoto|azotaba|jalonea|jaloneo)`,
      // "Me toca" is also "it's my turn" ("me toca lavar los platos", "ahora me toca a mí"): a touch is read only when a
      // person is named and what follows is a place, a time or the end of what is said, never a chore.
      `${ES_HOUSEHOLD} ${ES_WHEN}me (toca|tocan|toco|tocaba|tocaban|tocaron)(?= ?(\\.|$)| (y|e|cuando|mientras|ahi|alli|donde|raro|feo|sin|por debajo|debajo|a escondidas|de (forma|manera) (rara|extrana|fea)|en (la noche|las noches|la madrugada|mi (cuarto|cama|recamara)|el bano|mis partes|partes|lugares)|(las|los|mis|el|la) (piernas|pierna|pechos|pecho|senos|nalgas|pompas|partes|muslos|busto|cuerpo|entrepierna|trasero))(?![\\p{L}\\p{N}]))`,
      `${ES_HOUSEHOLD} ${ES_WHEN}me (manosea|manosean|manoseo|manoseaba|manoseaban|acosa sexualmente|acoso sexualmente)`,
      "(abusa|abusan|abuso|abusaba|abusaban|abusaron|abusado|abusada) (sexualmente )?de mi(?! (confianza|bondad|paciencia|amistad|generosidad|tiempo|dinero|cuenta))",
      "me (abusa|abuso|abusaron|abusaba|viola|violo|violaron|violaba|violan)",
      "(fui|he sido|estoy siendo|me han) (abusada|abusado|violada|violado|manoseada|manoseado|abusando|violando)",
      "me (amenaza|amenazan|amenazo|amenazaba|amenazaron) (con (matarme|pegarme|golpearme|lastimarme|hacerme dano|violarme|tocarme|publicar|subir|mandar|ensenar|mostrar|pasar)|de muerte|si (le )?(digo|cuento|hablo|dices)|para que no (diga|cuente|hable))",
      `me (obliga|obligan|obligo|obligaba|obligaron|fuerza|forzo|forzaba|presiona|presionan|presiono|presionaba) (a|para) ${ES_SEXUAL_ACT}`,
      `me (pide|piden|pidio|pidieron|pedia|pedian|exige|exigen|exigio) (que le (mande|envie|pase) )?((${ES_PHOTOS}) ${ES_NAKED}|nudes|noods|packs?|el pack)`,
      `(mandarle|enviarle|pasarle) (${ES_PHOTOS}) ${ES_NAKED}`,
    ],
  },
];
