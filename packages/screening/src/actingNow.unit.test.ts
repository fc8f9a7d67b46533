// The words that, after a crisis earlier in the session, say the teen is leaving, saying goodbye or acting now.
import { describe, expect, it } from "vitest";
import { asksToTalk, namesActNow, namesHelpOrSafety, saysActingNow, saysFinalGoodbye } from "./actingNow";
import { prepareText } from "./normalize";

const acting = (text: string) => saysActingNow(prepareText(text));

describe("saysActingNow", () => {
  // The view counts only after an earlier message named a height.
  it.each([
    ["está bonita la vista desde aquí, hace harto viento", ["estoy en el puente"]],
    ["the view from up here is actually pretty", ["i'm on the roof of my building"]],
    ["the view is nice tho", ["standing on the ledge part of the parking garage"]],
  ])("%j after %j is the height seen from on it", (text, recent) => {
    expect(saysActingNow(prepareText(text), recent)).toBe(true);
    expect(saysActingNow(prepareText(text), ["ugh i hate mondays"])).toBe(false);
    expect(saysActingNow(prepareText(text))).toBe(false);
  });

  // An hour is the plan's time only after an earlier message named a time or a timetable.
  it.each([
    ["its 11:15", ["i have the rope in my closet", "my parents go to bed at 11"]],
    ["it's midnight", ["the pills are in my drawer", "waiting till everyone is asleep"]],
    ["ya son las 3", ["ya tengo todo listo", "cuando se duerman a las 2"]],
    ["the 11:40 one", ["nothing matters", "i looked up the train schedule"]],
    ["el de las 6", ["ya vi el horario del tren"]],
    ["is 3am a good time", ["i'm going to do it when everyone's asleep", "i've decided on the pills"]],
    ["is 3am a good time", ["im going to do it when everyone’s asleep"]],
    ["is 3am a good time", ["ya tengo las pastillas", "cuando mis papás se duerman lo hago"]],
  ])("%j after %j is the hour of the plan", (text, recent) => {
    expect(saysActingNow(prepareText(text), recent)).toBe(true);
    expect(saysActingNow(prepareText(text))).toBe(false);
  });

  it.each([
    ["16", ["i want to die"]],
    ["4 pm", ["i want to die", "i have a therapy appointment tomorrow"]],
    ["the 3:30 one", ["i want to die", "my therapist has two slots tomorrow"]],
    ["its 9", ["i want to die", "i took 8 of them"]],
    ["its 9", ["i want to die", "i cant sleep"]],
    ["the 3:30 one", ["i want to die", "what bus do you take after school"]],
    ["is tonight ok", ["i want to die", "can i talk to you tonight"]],
  ])("%j after %j names no hour of a plan", (text, recent) => {
    expect(saysActingNow(prepareText(text), recent)).toBe(false);
  });


  // One case at least for each pattern, matched by that pattern alone.
  it.each([
    // Sign-offs.
    "bye 🕊️",
    "gn",
    "adiós",
    "gtg",
    "ttyl",
    "hasta luego",
    "nos vemos",
    "see you on the other side",
    "see you later",
    "catch you later",
    "ok night",
    // Departures with nowhere named.
    "leaving now",
    "heading out. don't text back",
    "gotta go",
    "ya me voy",
    "ya voy saliendo para el puente",
    "i'm outside now",
    "leaving the house now",
    "out the door",
    "ok found a way up",
    "made it to the top",
    "ya estoy en la azotea",
    // The act, begun or done.
    "it's time",
    "ok now it's time",
    "ya es hora",
    "ok i did it",
    "i just did it again",
    "just took em",
    "took them all",
    "doing it now",
    "ya lo hice otra vez",
    "lo voy a hacer ya",
    "ok here goes",
    "its night. here goes",
    "no turning back now",
    "wish me luck",
    "ahora sí",
    "i'm ready",
    "ya estoy lista",
    "i have enough now",
    "ya tengo suficientes",
    "nadie me va a detener",
    // At the edge, or asking what happens after.
    "gonna sit on the edge for a bit",
    "standing on the ledge rn",
    "sat on the edge",
    "feet dangling off the edge",
    "im on the ledge now",
    "climbed over the railing",
    "what happens to your account when someone dies",
    "what happens to my instagram when i die",
    "what happens to my cat after im dead",
    // Waiting for the moment.
    "can u tell me a story while i wait",
    "ok they're all asleep now",
    "ya se durmieron todos",
    "just once more",
    "solo una vez más",
    "cuídenla harto",
    "take care of my cat for me",
    "can you tell me a nice story. last one",
    // The words emoji are read as, after the act, end nothing: "leaving now 👋" reads "leaving now waving".
    "leaving now 👋",
    "i did it 😭",
    "ok its time 🪦",
    // Back in a moment, alone or to the bathroom the blade is in.
    "brb bathroom",
    "bathroom again brb",
    "ok brb",
    // A negation of something else does not take a goodbye back.
    "never mind bye",
    "no regrets goodbye",
    "i never mattered, bye",
    // Help named, but failed, or a farewell's own words beside it.
    "the doctor can't help me. bye",
    "no hotline can help me. gn",
    "called 988 and hung up. it's time",
    "i called the hotline and they put me on hold. bye",
    "ok im leaving now. i called him one last time",
    "texted my sister goodnight. bye",
    "hablé con mi hermana por última vez. adiós",
    "thank you for everything. goodbye",
    // Calm from a decision made is no calming down; "better off" is no feeling better.
    "i feel better now that i've decided. goodnight",
    "im calmer now. it'll all be over soon. bye",
    "i'd be better off gone. gn",
    // Words that name help or good news only near it.
    "my dog passed away last year. ok it's time",
    "what do i say in the note. ok it's time",
    "my mom is coming home at 6 so its time now",
  ])("%j is a sign-off, a departure or the act", (text) => {
    expect(acting(text)).toBe(true);
  });

  // Each names a sign-off or the act: only the help, safety, tomorrow or good news beside it keeps the check-in.
  it.each([
    "ok going to the hospital, bye",
    "ok i'm on my way to the ER now, bye",
    "my dad is taking me to the hospital, gotta go",
    "ok i did it. i'm at the hospital",
    "goodnight. i feel a little better",
    "ok im calming down. goodnight",
    "ok gn, talk tomorrow",
    "ok i put them back in the bottle. goodnight",
    "i did it. my mom is sitting with me now",
    "ok im leaving. going downstairs to my dad",
    "ok i'm ready. what do i say when they pick up",
    "ya estoy más tranquila, buenas noches",
    "buenas noches, mañana hablo con la psicóloga",
    "ya lo hice, le conté a mi mamá",
    "i told my mom everything. gn",
    "woke up my dad. ok bye",
    "i did it!! i passed my driving test",
    "haha no not like that. ok gn",
  ])("%j says help, safety or tomorrow, so it is not", (text) => {
    expect(namesActNow(prepareText(text))).toBe(true);
    expect(acting(text)).toBe(false);
  });

  // A departure or the act negated right before it; not at the end of its clause; not the writer's act; everyday talk.
  it.each([
    "i'm not leaving",
    "no me voy",
    "i promise i'm not going to do it tonight",
    "doing it for my mom, she asked me to",
    "im not doing it",
    "ugh my mom says clean my room. ok im doing it after dinner",
    "everyone at practice is doing it",
    "it's time for dinner, my mom is calling",
    "while i wait for my mom to pick me up",
    "its 11:15 and i still havent started my essay",
    "its 2am and i cant sleep lol",
    "leaving the house now, movie starts at 8",
    "we found a way in to the concert early lol",
    "found a way up to the attic, the old yearbooks are there",
    "the 11:40 one is always late lol",
    "tickets for the 7 pm one are sold out",
    "17",
    "first paycheck!!! $312",
    "100",
    "is 3am a good time to post on tiktok",
    "take care of yourself too",
    "can you explain it once more",
    "try once more",
    "can you help me take care of my little sister, she's sick",
    "mom told me to look after my brother",
    "hay mucho viento",
    "let me think once more",
    "i basically take care of my little brother",
    "i gotta go home and take care of my little sister",
    "ok i got down to the tracks",
    "ya me bajé en la estación",
    "ya estoy arriba",
    "i made it up",
    "ok im up now",
    "found a way through",
    "the view from up here is crazy, going back down now",
    "i left the house. going to the park to calm down",
    "i'm on my way to my grandma's",
    "im on my way to the ER with my dad",
    "who did it",
    "have you done it yet",
    "the last one was better",
    "what should we do this weekend",
    "i'm going to the game on friday",
    "me voy a dormir temprano hoy",
    // "brb" with an errand is a promise to come back; glad emoji and typed words are no farewell's.
    "brb my mom is calling me for dinner",
    "brb charging my phone",
    "ok brb gonna get some water, then can we keep talking?",
    "i did it 🔥🔥",
    "i did it 💯",
    "here goes nothing 😂",
    "ok gotta go sleep",
    "i finally got enough sleep",
    "we were sitting on the edge of the pool all afternoon",
    "at the pool w my cousins, sitting on the edge",
    "got barricade!! standing at the rail",
    "leaning on the railing",
    "what happens to my account if i don't log in for a year",
    "what happens to your stuff when you die in minecraft",
    "what happens to your account when you die in fortnite",
  ])("%j is not", (text) => {
    expect(acting(text)).toBe(false);
  });

  it.each(["gg. see u never", "bye forever", "whatever. bye forever 👋", "ok. bye forever guys 💔", "goodbye for good everyone", "this is goodbye", "hasta nunca", "adiós para siempre"])("%j is a last goodbye", (text) => {
    expect(saysFinalGoodbye(prepareText(text))).toBe(true);
  });

  // A goodbye to a person blocked, a place, an app or a subject, told in the past, or taken back.
  it.each([
    "last day of school!!! goodbye forever room 204 👋",
    "goodbye forever algebra",
    "bye for now",
    "see u tomorrow",
    "blocked him. hasta nunca",
    "just blocked him lol see u never",
    "dropping algebra next year. bye forever",
    "we said our final goodbye at the airport",
    "mi ex me escribió otra vez. lo bloqueé, hasta nunca",
    "me cambié de escuela, hasta nunca profe Ramírez",
    "leaving this discord server, bye for good",
    "moving schools next week, so this is goodbye to this dump",
    "ok see u never lol jk",
  ])(
    "%j is no last goodbye",
    (text) => {
      expect(saysFinalGoodbye(prepareText(text))).toBe(false);
    },
  );
});

describe("help, safety and a joke taken back", () => {
  it.each(["just kidding", "jk lol", "i was joking", "it was a joke", "es broma jaja", "era un chiste", "no era en serio", "someone is with me now", "my bf is here with me", "mi hermana está conmigo", "ya no estoy sola", "i'm calmer now"])(
    "%j names safety or takes the words back",
    (text) => expect(namesHelpOrSafety(prepareText(text))).toBe(true),
  );

  it.each(["im not kidding", "i'm not joking about this", "no es broma", "i called the hotline but nobody answered", "my mom is here but she's asleep", "i'm fine", "estoy bien"])(
    "%j does not (denied, failed, or what a teen hiding a plan says too)",
    (text) => expect(namesHelpOrSafety(prepareText(text))).toBe(false),
  );

  it("reads a wish to be talked to rather than sent helplines", () => {
    for (const text of ["can you just talk to me please", "stop sending me hotlines", "solo quiero hablar", "deja de mandarme numeros"]) expect(asksToTalk(prepareText(text))).toBe(true);
    for (const text of ["i talked to my coach about it", "can you send me the number again"]) expect(asksToTalk(prepareText(text))).toBe(false);
  });
});
