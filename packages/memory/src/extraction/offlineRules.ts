// The offline rules in the order they run over one message; the extractor runs them, and the span tagger reads what they found.
import { addActivitiesNamingOccasions, addJobs, dropActivitiesNamingOtherThings, findActivities } from "./findActivities.js";
import { addActivitiesTheListNames } from "./activityGazetteer.js";
import { dropDaysOwningEvents, extendEventsOverModifiers, findEvents } from "./findEvents.js";
import { findFeelings } from "./findFeelings.js";
import { addGoalsAfterTaggers, completeDanglingGoals, findGoals, trimTaggedGoals } from "./findGoals.js";
import { completeSpanishGoals } from "./completeSpanishGoals.js";
import { addHabitsAfterTaggers, findHabits } from "./findHabits.js";
import { addSpanishFeelings } from "./findSpanishFeelings.js";
import { addSpanishHabits } from "./findSpanishHabits.js";
import { addSpanishSubjects } from "./findSpanishTopics.js";
import { addFriendsTheRulesMissed, dropParentsNamingAFamilySide, dropTheTeenAndGreetings, dropTitlesReadIntoWords, findPeople, joinTitlesToTheirSurnames } from "./findPeople.js";
import { findPlaces } from "./findPlaces.js";
import { findRetractions } from "./findRetractions.js";
import { findThings, findTitles } from "./findThings.js";
import { findTopics } from "./findTopics.js";
import { findValues } from "./findValues.js";
import type { MessageFindings } from "./MessageFindings.js";

/**
 * The rules run in a fixed order because earlier ones claim text later ones must not reuse: places and
 * events before subjects ("math test" is an Event, not the Topic math), habits before activities (the
 * "run" of "I run every morning" is the habit's), games and apps before activities ("playing minecraft" is the game), people after the things that share their capitals,
 * and the relating rules (goals, values, feelings, retractions) last, over everything found.
 */
const RULES: readonly ((found: MessageFindings) => void)[] = [
  findPlaces,
  findEvents,
  findTopics,
  findHabits,
  findTitles,
  findActivities,
  findThings,
  findPeople,
  findGoals,
  findValues,
  findFeelings,
  findRetractions,
];

export function applyRules(found: MessageFindings): void {
  for (const rule of RULES) rule(found);
}

/**
 * The steps that run after the taggers, in this order, over what the rules and taggers found together. They are not
 * rules: the taggers were trained on the rules' findings without them, so a step here changes what is kept, not what
 * the taggers read. A day owning an event's name ("tomorrow's cheer comp"), the kind an event is ("our minecraft
 * tournament"), an activity inside the occasion it names, habits told by schedules and triggers the rules do not read
 * ("every 2 weeks", "saturday mornings", "every time my parents fight i draw"), the teen's job by where it is ("i work at target"), activities a wider list names ("netball", "cueca"), no activity where something is run or a thing is named, nor beside the group
 * it is done in, nor in scouts who watch players ("i run my own shop", "a gaming pc", "i sing in the choir"), a goal that stopped short, goals the rules' triggers do not open ("one day i'm opening a salon") and goals listed after
 * another ("…, apply to pitt, and …"), a title read into ordinary words, a title read as another title's surname ("my coach
 * Mr. Patel"), friends named after a Spanish friend word or read as another word ("mi amigo Diego"), school subjects,
 * routines and feelings told in Spanish ("reprobé química", "toco la guitarra en la iglesia los domingos", "me da
 * coraje"), and the teen's own
 * name or a greeting taken for a fact ("my name is Sofia", "Hola").
 */
const AFTER_TAGGERS: readonly ((found: MessageFindings) => void)[] = [
  dropDaysOwningEvents,
  extendEventsOverModifiers,
  addActivitiesNamingOccasions,
  addHabitsAfterTaggers,
  addJobs,
  addActivitiesTheListNames,
  dropActivitiesNamingOtherThings,
  trimTaggedGoals,
  completeDanglingGoals,
  completeSpanishGoals,
  addGoalsAfterTaggers,
  dropTitlesReadIntoWords,
  joinTitlesToTheirSurnames,
  addFriendsTheRulesMissed,
  addSpanishSubjects,
  addSpanishHabits,
  addSpanishFeelings,
  dropTheTeenAndGreetings,
  dropParentsNamingAFamilySide,
];

export function applyAfterTaggers(found: MessageFindings): void {
  for (const step of AFTER_TAGGERS) step(found);
}
