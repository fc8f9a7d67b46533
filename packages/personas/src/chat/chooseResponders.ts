// Who answers a message in a group conversation: the personas it addresses, in the order addressed; else exactly one.
//
// The rule, as documented for clients (docs/personas.md):
// 1. A persona is addressed by `@Name` anywhere in the message (case and spaces in the name ignored), or by its name
//    as the first word(s) of the message ("Courage, ..." / "hey Compass: ...") or as the last ("..., Comfort?").
//    Every addressed persona replies, in the order their names first appear in the message.
// 2. When nobody is addressed, exactly one persona replies: the one whose topics the message mentions most
//    (whole words, case ignored); on a tie, or when no topic fits, the one that has waited longest since it last
//    replied (one that has not replied yet has waited longest; the session's order breaks remaining ties).

export interface GroupMember {
  personaId: string;
  name: string;
  topics: readonly string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where in the message this member is addressed, or -1. */
function addressedAt(message: string, member: GroupMember): number {
  const lower = message.toLowerCase();
  const name = member.name.trim().toLowerCase();
  if (!name) return -1;
  // @mentions: "@Courage", "@Ms Sunny" or "@MsSunny".
  const words = name.split(/\s+/).map(escape);
  const mention = new RegExp(`@${words.join("\\s*")}(?![\\p{L}\\p{N}])`, "u").exec(lower);
  if (mention) return mention.index;
  const spoken = escape(name).replace(/\s+/g, "\\s+");
  const opening = new RegExp(`^\\s*(?:(?:hi|hey|hello|yo|ok|okay|so)\\s+)?${spoken}\\s*(?:[,:!?.—-]|$)`, "u").exec(lower);
  if (opening) return opening.index;
  const closing = new RegExp(`,\\s*${spoken}\\s*[.!?]*\\s*$`, "u").exec(lower);
  if (closing) return closing.index;
  return -1;
}

function topicScore(message: string, member: GroupMember): number {
  const lower = message.toLowerCase();
  return member.topics.filter((topic) => topic.trim() && new RegExp(`(?<![\\p{L}\\p{N}])${escape(topic.trim().toLowerCase())}(?![\\p{L}\\p{N}])`, "u").test(lower)).length;
}

/**
 * The personas that reply to `message`, in reply order. `recentSpeakers` are the personaIds of earlier replies in
 * this session, oldest first (only group members count).
 */
export function chooseResponders(message: string, members: readonly GroupMember[], recentSpeakers: readonly string[]): GroupMember[] {
  const addressed = members
    .map((member) => ({ member, at: addressedAt(message, member) }))
    .filter((entry) => entry.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.member);
  if (addressed.length > 0) return addressed;

  const lastSpoke = (member: GroupMember) => recentSpeakers.lastIndexOf(member.personaId);
  const ranked = members
    .map((member, order) => ({ member, order, score: topicScore(message, member), last: lastSpoke(member) }))
    .sort((a, b) => b.score - a.score || a.last - b.last || a.order - b.order);
  const first = ranked[0];
  return first ? [first.member] : [];
}
