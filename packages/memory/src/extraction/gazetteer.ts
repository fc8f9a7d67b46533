// Names of places and things a teen types in lower case as often as not: countries, US states, large cities, stores, colleges, apps, games, shows, devices.
//
// Written here from general knowledge (see packages/memory/test/fixtures/extraction/PROVENANCE.md, "Gazetteer"), not from
// the labelled messages: it lists what any teen might name, so that "our trip to seoul" finds Seoul without a capital.
// Only the offline extractor imports it (through @innerworld/memory/offline-extraction), so graph-extraction's
// cold start does not load it unless the offline extractor runs.

const words = (list: string): string[] =>
  list
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);

/** Countries and territories, with the short forms teens use ("the philippines", "the dr", "uk"). */
export const COUNTRIES = words(`
  afghanistan, albania, algeria, angola, argentina, armenia, australia, austria, bahamas, bangladesh, barbados, belarus, belgium,
  belize, bolivia, bosnia, brazil, bulgaria, cambodia, cameroon, canada, chile, china, colombia, congo, costa rica, croatia, cuba,
  cyprus, czech republic, czechia, denmark, dominican republic, ecuador, egypt, el salvador, england, eritrea, estonia, ethiopia,
  fiji, finland, france, georgia, germany, ghana, greece, grenada, guatemala, guinea, guyana, haiti, honduras, hong kong, hungary,
  iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, kazakhstan, kenya, korea,
  south korea, north korea, kosovo, kuwait, laos, latvia, lebanon, liberia, libya, lithuania, malaysia, mali, malta, mexico,
  moldova, mongolia, montenegro, morocco, mozambique, myanmar, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria,
  norway, pakistan, palestine, panama, paraguay, peru, philippines, poland, portugal, puerto rico, qatar, romania, russia, rwanda,
  samoa, saudi arabia, scotland, senegal, serbia, sierra leone, singapore, slovakia, slovenia, somalia, south africa, spain,
  sri lanka, sudan, south sudan, sweden, switzerland, syria, taiwan, tanzania, thailand, tonga, trinidad, turkey, uganda, ukraine,
  united kingdom, uk, united states, usa, america, uruguay, uzbekistan, venezuela, vietnam, wales, yemen, zambia, zimbabwe,
  africa, europe, asia, latin america, south america, central america, the caribbean, caribbean, middle east
`);

/** The fifty states, DC and the abbreviations teens write ("dc", "nyc" is a city below). */
export const US_STATES = words(`
  alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, hawaii, idaho, illinois, indiana, iowa,
  kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska,
  nevada, new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania,
  rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington, west virginia, wisconsin,
  wyoming, dc, washington dc, socal, norcal
`);

/** Large US cities and the world cities a teen's family comes from or travels to. */
export const CITIES = words(`
  new york city, nyc, los angeles, la, chicago, houston, phoenix, philadelphia, philly, san antonio, san diego, dallas, austin,
  san jose, fort worth, jacksonville, columbus, charlotte, indianapolis, san francisco, sf, seattle, denver, nashville, oklahoma city,
  el paso, boston, portland, las vegas, vegas, detroit, memphis, louisville, baltimore, milwaukee, albuquerque, tucson, fresno,
  sacramento, mesa, kansas city, atlanta, omaha, colorado springs, raleigh, long beach, virginia beach, miami, oakland, minneapolis,
  tulsa, tampa, arlington, new orleans, wichita, cleveland, bakersfield, aurora, anaheim, honolulu, santa ana, riverside,
  corpus christi, lexington, stockton, henderson, st. paul, saint paul, st paul, st. louis, saint louis, st louis, cincinnati,
  pittsburgh, greensboro, anchorage, plano, lincoln, orlando, irvine, newark, durham, toledo, fort wayne, st. petersburg, laredo,
  jersey city, chandler, madison, lubbock, scottsdale, reno, buffalo, gilbert, glendale, north las vegas, winston-salem, chesapeake,
  norfolk, fremont, garland, irving, hialeah, richmond, boise, spokane, baton rouge, tacoma, san bernardino, modesto, fontana,
  des moines, moreno valley, santa clarita, fayetteville, birmingham, oxnard, rochester, port st. lucie, grand rapids, huntsville,
  salt lake city, salt lake, tallahassee, huntington beach, grand prairie, montgomery, akron, little rock, augusta, amarillo,
  mobile, knoxville, shreveport, providence, chattanooga, brownsville, mcallen, savannah, charleston, syracuse, dayton, hartford,
  fargo, sioux falls, billings, cheyenne, burlington, manchester, brooklyn, queens, the bronx, bronx, harlem, staten island,
  manhattan, hollywood, compton, san juan, ponce, toronto, vancouver, montreal, mexico city, cdmx, guadalajara, monterrey, tijuana,
  juarez, puebla, oaxaca, cancun, acapulco, michoacan, jalisco, london, paris, berlin, rome, madrid, barcelona, lisbon, dublin,
  amsterdam, lyon, milan, venice, athens, istanbul, moscow, kyiv, cairo, lagos, nairobi, accra, addis ababa, johannesburg, tokyo,
  osaka, kyoto, seoul, busan, beijing, shanghai, hong kong, taipei, manila, cebu, hanoi, ho chi minh city, saigon, bangkok,
  singapore, jakarta, mumbai, delhi, new delhi, bangalore, hyderabad, chennai, kolkata, karachi, lahore, islamabad, dhaka,
  kathmandu, dubai, riyadh, mecca, jerusalem, tel aviv, beirut, baghdad, tehran, kabul, sydney, melbourne, auckland, havana,
  santo domingo, port-au-prince, kingston, san salvador, tegucigalpa, guatemala city, managua, bogota, medellin, cali, lima, quito,
  caracas, santiago, buenos aires, sao paulo, rio, rio de janeiro
`);

/**
 * Stores, restaurants and chains where teens work and hang out. Several are also ordinary words ("target", "sonic",
 * "subway", "target"): those count only when capitalised or after at/to/from/in/outside (findPlaces).
 */
export const VENUES = words(`
  target, walmart, costco, sam's club, kroger, publix, safeway, aldi, meijer, h-e-b, heb, trader joe's, whole foods, wegmans,
  food lion, winco, home depot, lowe's, best buy, gamestop, barnes and noble, ikea, sephora, ulta, old navy, hot topic, forever 21,
  h&m, zara, foot locker, dick's, dick's sporting goods, cvs, walgreens, dollar tree, dollar general, family dollar, 7-eleven, wawa,
  sheetz, quiktrip, buc-ee's, chick-fil-a, chick fil a, chickfila, mcdonald's, mcdonalds, mcdonald's, burger king, wendy's, wendys,
  taco bell, chipotle, panera, subway, starbucks, dunkin, dunkin donuts, dairy queen, sonic, whataburger, in-n-out, in n out,
  raising cane's, canes, popeyes, kfc, pizza hut, domino's, dominos, little caesars, five guys, jack in the box, arby's, ihop,
  denny's, waffle house, applebee's, olive garden, chili's, buffalo wild wings, texas roadhouse, red lobster, cracker barrel,
  panda express, crumbl, dave & buster's, dave and buster's, chuck e. cheese, round one, main event, topgolf, six flags,
  disneyland, disney world, universal, cedar point, knott's, planet fitness, la fitness, ymca, the y, cinemark, amc, regal
`);

/** Ambiguous venue names: ordinary words, games or other things unless the sentence puts the teen there. */
export const AMBIGUOUS_VENUES = new Set(["target", "sonic", "subway", "universal", "the y", "amc", "regal", "canes", "main event", "round one", "dick's"]);

/** Colleges and universities teens apply to, by the names they use ("ut", "osu", "a&m"). */
export const COLLEGES = words(`
  harvard, yale, princeton, stanford, mit, columbia, cornell, brown, dartmouth, penn, upenn, duke, northwestern, georgetown,
  juilliard, berklee, risd, parsons, nyu, ucla, usc, uc berkeley, berkeley, ucsd, uc davis, uc irvine, ucsb, georgia tech,
  georgia state, ohio state, osu, oregon state, oklahoma state, michigan state, penn state, ut, ut austin, texas a&m, a&m, tamu,
  texas tech, baylor, tcu, smu, rice, lsu, ole miss, alabama, auburn, clemson, unc, chapel hill, nc state, uva, virginia tech,
  umich, university of michigan, purdue, notre dame, rutgers, uconn, umass, boston college, bu, howard, spelman, morehouse,
  hbcu, fsu, florida state, uf, ucf, usf, fiu, asu, arizona state, nau, u of a, byu, utah state, boise state, unlv, unm, utep,
  west point, naval academy, air force academy, cal poly, sjsu, sdsu, csulb, uw, wsu, cu boulder, mizzou, iowa state,
  kansas state, k-state, kstate, vanderbilt, emory, tulane, carnegie mellon, johns hopkins, caltech
`);

/**
 * Everyday places (Place) beyond lexicon.PLACES: buildings and grounds a teen names with "the"/"at"/"to". Words that
 * are also events or subjects ("the fair", "art") stay in those lists.
 */
export const PLACE_NOUNS = words(`
  school, high school, middle school, elementary school, elementary, community college, trade school, college campus, campus,
  dining hall, dorm, cafeteria, gym, weight room, locker room, boxing gym, bouldering gym, climbing gym, dance studio, studio,
  library, public library, food bank, soup kitchen, shelter, homeless shelter, animal shelter, hospital, er, emergency room, clinic,
  urgent care, rehab, therapist's office, prison, jail, juvie, detention center, court, courthouse, church, mosque, temple,
  synagogue, chapel, mall, swap meet, flea market, farmers market, grocery store, store, corner store, gas station, game store,
  comic shop, thrift store, restaurant, taqueria, diner, cafe, coffee shop, bakery, pizza place, barbershop, salon, salón,
  nail salon, car wash, laundromat, apartment, apartment complex, trailer, house, ranch, farm, barn, field, pasture, creek, river,
  lake, pond, beach, ocean, woods, forest, mountains, trail, park, skatepark, skate park, playground, pool, rink, ice rink,
  batting cages, cages, bowling alley, arcade, movie theater, theater, museum, science museum, art museum, zoo, aquarium,
  airport, bus stop, train station, parking lot, school parking lot, driveway, backyard, garage, basement, rec center,
  community center, youth center, career center, boys and girls club, daycare, nursing home, cemetery, stadium, arena, track,
  field house, dugout, bleachers, bus
`);

/** Places that are only places in a place frame ("at the track", "to the field"): bare, they are activities or events. */
export const FRAMED_PLACE_NOUNS = new Set(["track", "field", "court", "studio", "theater", "cages", "bus", "house", "store", "trailer", "campus", "trail", "woods", "ocean", "gym"]);

/** Apps, sites and services teens use (Thing). */
export const APPS = words(`
  tiktok, tik tok, instagram, insta, ig, snapchat, snap, youtube, yt, discord, spotify, apple music, soundcloud, fl studio,
  garageband, ableton, procreate, capcut, canva, duolingo, twitter, reddit, pinterest, tumblr, twitch, bereal, facebook,
  whatsapp, telegram, netflix, hulu, disney plus, disney+, crunchyroll, hbo max, max, wattpad, ao3, etsy, depop, ebay, amazon,
  chatgpt, google classroom, canvas, quizlet, khan academy, venmo, cash app, life360, find my iphone, find my friends, hinge, tinder, omegle, pokemon go
`);

/** Video and tabletop games (Thing). */
export const GAMES = words(`
  valorant, roblox, minecraft, fortnite, 2k, nba 2k, madden, fifa, ea fc, call of duty, cod, warzone, apex, apex legends,
  league of legends, overwatch, genshin, genshin impact, stardew, stardew valley, rocket league, gta, gta 5, gta v, animal crossing,
  zelda, mario kart, smash, smash bros, pokemon, among us, the sims, sims, sims 4, warhammer, d&d, dnd, dungeons and dragons,
  magic the gathering, mtg, elden ring, halo, destiny, rainbow six, r6, csgo, cs2, counter strike, terraria, hollow knight,
  undertale, baldur's gate, skyrim, the last of us, spider-man, hades, celeste, geometry dash, subway surfers, clash royale,
  clash of clans, brawl stars, candy crush, wordle, chess.com, pubg, dead by daylight, fnaf, five nights at freddy's, splatoon
`);

/** Shows, anime and films teens watch (Thing). */
export const SHOWS = words(`
  stranger things, the office, one piece, attack on titan, aot, euphoria, wednesday, bluey, naruto, jujutsu kaisen, jjk,
  demon slayer, my hero academia, mha, death note, haikyuu, chainsaw man, spy x family, dragon ball, dragon ball z, bleach,
  hunter x hunter, fullmetal alchemist, friends, grey's anatomy, greys anatomy, outer banks, squid game, the bear, gilmore girls,
  the summer i turned pretty, avatar, avatar the last airbender, spongebob, breaking bad, heartstopper, ginny and georgia,
  never have i ever, bridgerton, the vampire diaries, supernatural, riverdale, shameless, the walking dead, brooklyn nine-nine,
  brooklyn 99, parks and rec, modern family, the simpsons, family guy, rick and morty, adventure time, gravity falls,
  arcane, invincible, the boys, house of the dragon, game of thrones, harry potter, star wars, the mandalorian, marvel,
  love island, survivor, the voice, american idol, abbott elementary, wicked, hamilton, encanto, frozen, twilight, hunger games
`);

/** Things people own, ride, wear or play (Thing), counted when the teen owns, uses or loses them ("my phone", "a new bike"). */
export const POSSESSIONS = words(`
  phone, iphone, android, cellphone, laptop, chromebook, macbook, computer, pc, gaming pc, ipad, tablet, kindle, headphones,
  earbuds, airpods, speaker, camera, polaroid, polaroid camera, film camera, canon, nikon, gopro, tv, switch, nintendo switch,
  xbox, playstation, ps4, ps5, controller, ps5 controller, xbox controller, console, monitor, keyboard, mouse, watch, apple watch,
  charger, car, truck, pickup, jeep, bike, dirt bike, motorcycle, scooter, skateboard, board, longboard, atv, four wheeler,
  skates, cleats, jordans, sneakers, shoes, boots, dress, prom dress, hoodie, jacket, necklace, ring, bracelet, earrings,
  glasses, contacts, braces, retainer, inhaler, meds, medication, vape, juul, backpack, sketchbook, journal, diary, notebook,
  guitar, bass, electric guitar, violin, viola, cello, piano, keyboard, drums, drum set, ukulele, trumpet, trombone, saxophone,
  sax, flute, clarinet, oboe, tuba, french horn, mic, microphone, turntables, sewing machine, crochet hook, easel, canvas,
  jersey, uniform, wallet, purse, hat, beanie, vinyl, record player, pokemon cards, fish tank, water bottle,
  paycheck, scholarship, plushie, stuffed animal, blanket, squishmallow, squishmallows, lego, legos, stanley, crocs, group chat,
  webcomic, zine, portfolio
`);

/** Brand names that are things ("my crocs", "a monster" as a drink): always a Thing when owned or used. */
export const BRAND_THINGS = words(`monster, red bull, celsius, prime, stanley, squishmallows, squishmallow, lego, legos, crocs, jordans, airpods, beats`);

/** Animals a teen owns or raises: a named one is the Thing by its name, an unnamed farm animal by its kind. */
export const ANIMALS = words(`
  dog, cat, puppy, pup, kitten, kitty, hamster, bunny, rabbit, bird, fish, turtle, tortoise, horse, pony, lizard, snake, parrot,
  guinea pig, ferret, gecko, bearded dragon, axolotl, chicken, chickens, goat, pig, cow, calf, calves, heifer, steer, lamb, sheep,
  duck, rat, mouse
`);

/** Farm animals shown and raised by name of their kind ("showed my heifer"): a Thing even unnamed. */
export const LIVESTOCK = new Set(["heifer", "steer", "pig", "goat", "lamb", "calf", "cow", "horse", "pony", "chickens"]);

/**
 * First names teens have that compromise does not know, across the families teens come from (Black American, Latino,
 * South and East Asian, Arab, African, Pacific Islander, Anglo nicknames). A lower-case one counts only in a frame a
 * person fits ("me and priya", "kenzie said", "my friend imani"): words that are also ordinary words ("hope", "faith",
 * "will", "summer") are left out, so a value or a season is never read as a friend.
 */
export const FIRST_NAMES = new Set(words(`
  priya, ananya, aditi, anika, diya, isha, kavya, meera, neha, riya, shreya, tanvi, nikhil, rahul, ravi, sanjay, vikram, dev, aarav,
  ishaan, kabir, zara, ayesha, fatima, amira, yasmin, layla, noor, omar, hamza, yusuf, bilal, tariq, karim, samir, hassan, ahmed,
  imani, aaliyah, nia, zuri, kiara, tiana, jada, janelle, keyana, shanice, tanisha, deja, ebony, destiny, dre, trey, tre,
  deandre, jamal, malik, darnell, terrell, devonte, kenji, yuki, hiroshi, haruto, sakura, hana, jin, minji, jiwoo, seojun, jisoo,
  hyun, mei, ling, xiao, bao, duc, minh, linh, thao, huong, anh, tuan, kenzie, mackenzie, mckenzie, kenz, maddie, madi,
  kayleigh, kaylee, paisley, harper, addison, kinsley, bentley, bryce, brody, colt, cooper, hudson, jace, kaden, kayden,
  braden, brayden, maya, mya, lexi, alexa, abby, bella, gabi, gabby, izzy, livvy, sofi, xime, dani, mari, lupe,
  chuy, beto, paco, rafa, javi, santi, mateo, thiago, emi, yaretzi, itzel, citlali, xochitl, nayeli, marisol,
  yesenia, jocelyn, araceli, leilani, kalani, keanu, kai, malia, tupac, sione, losa, ikaika, chidi,
  ngozi, adaeze, chioma, tunde, kofi, kwame, abena, femi, ayo, zainab, amara, theo, eli, ezra, micah, nico, rocco, enzo, luca,
  gio, milo, otto, remy, rory, shay, tate, jonah, cody, dylan, tyler, jaylen, jalen, jayla, kyla, kylie, khloe, chloe, zoe, zoey
`));
