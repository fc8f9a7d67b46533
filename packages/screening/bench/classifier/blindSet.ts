// The blind sets: messages by writers who never saw the project's code, data or lexicon, kept out of training and tuning, and scored by `pnpm eval:safety` beside the frozen split.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatasetError } from "./examples";
import { BLIND_B4_DIR, BLIND_B5_DIR, BLIND_B6_DIR, BLIND_B7_DIR, BLIND_B8_DIR, BLIND_B9_DIR, BLIND_B10_DIR, BLIND_B11_DIR, BLIND_B12_DIR, BLIND_B13_DIR, BLIND_B14_DIR, BLIND_B15_DIR, BLIND_DIR, BLIND_ES1_DIR, BLIND_ES2_DIR, BLIND_ES3_DIR } from "./paths";

/** One writer's blind set: where it lives and what its files hashed to when received (a changed file is no longer blind). */
export interface BlindSetSource {
  writer: string;
  received: string;
  directory: string;
  sha256: Readonly<Record<string, string>>;
  /** What was done with the set after it arrived, printed beside its figures. */
  note: string;
}

export const BLIND_SETS: readonly BlindSetSource[] = [
  {
    writer: "writer-b3",
    received: "2026-12-06",
    directory: BLIND_DIR,
    sha256: {
      "risk.jsonl": "441713941d25e102b6bde0cf44c142392a17edc97e69d460588faec5dead3816",
      "ordinary.jsonl": "4407964b4250dce96badbbde516c01eac85958f7b733992f017d27f4f7d19073",
    },
    note: "never trained on, and nothing tuned on it but one lexicon entry its b3-0015 showed missing",
  },
  {
    writer: "writer-b4",
    received: "2026-12-07",
    directory: BLIND_B4_DIR,
    sha256: {
      "risk.jsonl": "87218749a185e2222ffedc7a81e5958c8e699bcb35bbdb3e5f73ed82694c4181",
      "ordinary.jsonl": "5af03946cdc49d9cab8f53f7bcc825a551170f3ea184266986a87a46eb86d8d4",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.7's friend and farewell fixes, so it is no longer blind",
  },
  {
    writer: "writer-b5",
    received: "2026-12-07",
    directory: BLIND_B5_DIR,
    sha256: {
      "risk.jsonl": "d572e12e6dd5575df20c44c9472ac24a2e2b055d6592da7c4e0aec8c68dbac70",
      "ordinary.jsonl": "612ced972a0cba2cbd113006b04cbcd7f238f584408bfd4a6468ef12d980a8ae",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.8's reported words of a friend, intrusive thoughts, heights asked about and rows of cuts, so it is no longer blind",
  },
  {
    writer: "writer-b6",
    received: "2026-12-07",
    directory: BLIND_B6_DIR,
    sha256: {
      "risk.jsonl": "51b7853f3459a894811d019b45f956590717fec8257a877bd1b157aa86744e97",
      "ordinary.jsonl": "1f9267c1f10874ea7b0cf960d5888edb023844f9c4c7aab949a763483797ce62",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.9's method questions asked as if from curiosity, a height picked, a parent's gun, a rope made ready and things given away in Spanish, so it is no longer blind",
  },
  {
    writer: "writer-b7",
    received: "2026-12-07",
    directory: BLIND_B7_DIR,
    sha256: {
      "risk.jsonl": "d84e8d15ea6fb7a042a41c1301f821a00add5c130cdd1065267935e7c4bfac46",
      "ordinary.jsonl": "8682f553aa73992a03e708fcd84da7383987b8575b0855833bd5f7b9e0918a16",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to the sign-off rule after a crisis (actingNow.ts) and lexicon 2026.12.12, so it is no longer blind",
  },
  {
    writer: "writer-b8",
    received: "2026-12-07",
    directory: BLIND_B8_DIR,
    sha256: {
      "risk.jsonl": "78c3fd16af565b26f822218bc71ee9a916d30a4e9686112f6a16f5da904dc9ef",
      "ordinary.jsonl": "0a95247602a983bdc84b737745be629a3a1d2a25707970b268d55d5b020851a5",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to the last goodbye after a concern, emoji after the act, \"brb\" and lexicon 2026.12.13, so it is no longer blind",
  },
  {
    writer: "writer-b9",
    received: "2026-12-07",
    directory: BLIND_B9_DIR,
    sha256: {
      "risk.jsonl": "c952e3aeb210869cd46f618b828dfbe8d58792cad8184b480cd8ac9104ea1fc5",
      "ordinary.jsonl": "67be63959ff7d6d473ffa8701e5086bd6dee96c441322309688e02684ceceeb4",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.14 and the edge and the account after a crisis, so it is no longer blind",
  },
  {
    writer: "writer-b10",
    received: "2026-12-07",
    directory: BLIND_B10_DIR,
    sha256: {
      "risk.jsonl": "79154b95afbf55e96fa8dfa885a3d294e22ee3c4ee3dc7565e728183ac132276",
      "ordinary.jsonl": "3677d8070560fd41a3f74cdb1839cd1874a613b9f4221dc9f1a4b82638bdc11a",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.15 and the way up, the house left and the hour come after a crisis, so it is no longer blind",
  },
  {
    writer: "writer-b11",
    received: "2026-12-07",
    directory: BLIND_B11_DIR,
    sha256: {
      "risk.jsonl": "5792849189bc98c7784b7528e4e4dd11cc8b08b9d8f7cb65393cb5f0fb0aa91e",
      "ordinary.jsonl": "a4c5b0da040d0e6b38ed6dedeae7934ba942012fd91a3d8db8822a29ae0ae76d",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.15's yeeting oneself, a jump off something high and the hour picked after a crisis, so it is no longer blind",
  },
  {
    writer: "writer-b12",
    received: "2026-12-07",
    directory: BLIND_B12_DIR,
    sha256: {
      "risk.jsonl": "a6fb5ee0739628690a67ce7359b92a5fa8bcbb9142ad00ae2228d7ac963f1d01",
      "ordinary.jsonl": "b7e3b76426576662db7e8a20c1fc6070716857b3751f3a4061a42c7826d30607",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.16's ways of dying asked about as painful or quick and the follow-ups that take a crisis up again, so it is no longer blind",
  },
  {
    writer: "writer-b13",
    received: "2026-12-07",
    directory: BLIND_B13_DIR,
    sha256: {
      "risk.jsonl": "c8de24131f9ee69698e4518d69f42bdbd5aea5be15326e98bbf83ae43627b33b",
      "ordinary.jsonl": "39ff671c49da8be401b5fcf3d0b8703e33d8fdbfb17365e5580bb7b66aaf709c",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.16's ending it, death that appeals, a teen's 'tell her i loved her', the misspelt wish and the view or a blessing said after a crisis, so it is no longer blind",
  },
  {
    writer: "writer-b14",
    received: "2026-12-07",
    directory: BLIND_B14_DIR,
    sha256: {
      "risk.jsonl": "a705e843bb2cf861a72f2aba1eb86a4db8dfd83bcf329476f7d1fb116b63ceb5",
      "ordinary.jsonl": "b9dc3b66c04a3467e8452172048465d822bc1d8a05493014e3178e4143647a48",
    },
    note: "never trained or tuned on; its misses were read on 2026-12-08, once the thirteenth set had arrived, and led to lexicon 2026.12.17's ending it all where the writer's thought goes and whether drowning hurts asked the other way round, so it is no longer blind",
  },
  {
    writer: "writer-b15",
    received: "2026-12-08",
    directory: BLIND_B15_DIR,
    sha256: {
      "risk.jsonl": "b3b68429defe483396aa89617cb358c384864175fdd8718a9597ad1d08b8f198",
      "ordinary.jsonl": "be1240b076a584953c95e9aca2645aa6d68ed402713e82c1b9112b1a7d8c0b42",
    },
    note: "understatement, logistics and indirect goodbyes weighted; never trained or tuned on; its misses were not read",
  },
  {
    writer: "writer-es1",
    received: "2026-12-07",
    directory: BLIND_ES1_DIR,
    sha256: {
      "risk.jsonl": "d3eca724b1a07ddc11a31a434703ea8cd72dbc157396752e5326dbf279038089",
      "ordinary.jsonl": "ec4c7a419fa02f6c7cd32f879eb843c4441414a3b2848ec4ed16737c4463593f",
    },
    note: "Spanish and Spanglish only, to a brief of its own (120 risk, 180 ordinary); never trained or tuned on; its misses were read on 2026-12-07 and led to lexicon 2026.12.15's Spanish entries, the view from the height after a crisis and a friend's crisis with only a word to the listener beside it, so it is no longer blind",
  },
  {
    writer: "writer-es2",
    received: "2026-12-07",
    directory: BLIND_ES2_DIR,
    sha256: {
      "risk.jsonl": "c29801ba2891b814d9dcdbfbd673dce34d74187f14beb57e3ddd14baa8485611",
      "ordinary.jsonl": "b64420f469f9b7e704acc5036243611a0eefa6e4aab5eb56f074bc49a73c9917",
    },
    note: "Spanish and Spanglish only, to a brief of its own (120 risk, 180 ordinary; catching up after a while among the ordinary); never trained or tuned on; its misses were read on 2026-12-08 and led to lexicon 2026.12.17's bleach named by its brand and whether a way of dying works, so it is no longer blind",
  },
  {
    writer: "writer-es3",
    received: "2026-12-08",
    directory: BLIND_ES3_DIR,
    sha256: {
      "risk.jsonl": "1fcd4f8a660b26b20794a444004d2bc623e2f753bbb2111eda0fd9e05e594e51",
      "ordinary.jsonl": "a80c122027d4ba131783fe62f5d889ed6a7b7708c74ab4ac621ddbbd48f78032",
    },
    note: "Spanish and Spanglish only, to the second Spanish set's brief with understatement and logistics weighted; never trained or tuned on; its misses were not read",
  },
];

/** The first writer's set, as its files hashed when received. */
export const BLIND_SHA256: Readonly<Record<string, string>> = BLIND_SETS[0]?.sha256 ?? {};

export interface BlindMessage {
  id: string;
  text: string;
  level: "crisis" | "concern" | "none";
  /** The brief's kind of message: explicit, slang_euphemism, …, sequence for risk; ordinary or trap otherwise. */
  kind: string;
  lang: string;
  trap: boolean;
  context: string[];
}

const LEVELS = new Set(["crisis", "concern", "none"]);

function parseBlindLine(line: string, where: string): BlindMessage {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const { id, text, level, kind, lang, trap, context } = raw;
  if (typeof id !== "string" || typeof text !== "string" || typeof kind !== "string" || typeof lang !== "string" || typeof trap !== "boolean" || !LEVELS.has(String(level))) {
    throw new DatasetError("DATASET_INVALID_LINE", `${where}: a blind line needs id, text, level, kind, lang and trap`);
  }
  if (context !== undefined && !(Array.isArray(context) && context.every((c) => typeof c === "string"))) throw new DatasetError("DATASET_INVALID_LINE", `${where}: context must be a list of strings`);
  return { id, text, level: level as BlindMessage["level"], kind, lang, trap, context: (context as string[] | undefined) ?? [] };
}

/** Reads one writer's blind set (the first writer's unless told), refusing it when a file is not the one received. */
export function readBlindSet(directory: string = BLIND_DIR, expectedSha256: Readonly<Record<string, string>> = BLIND_SHA256): { messages: BlindMessage[]; sha256: Record<string, string> } {
  const messages: BlindMessage[] = [];
  const sha256: Record<string, string> = {};
  for (const [file, expected] of Object.entries(expectedSha256)) {
    const bytes = readFileSync(join(directory, file));
    sha256[file] = createHash("sha256").update(bytes).digest("hex");
    if (sha256[file] !== expected) throw new DatasetError("DATASET_CHANGED", `${file} has sha256 ${sha256[file]}, received as ${expected}: the blind set was changed`);
    bytes
      .toString("utf8")
      .split("\n")
      .forEach((line, index) => {
        if (line.trim().length > 0) messages.push(parseBlindLine(line, `${file}:${index + 1}`));
      });
  }
  return { messages, sha256 };
}

/** Every writer's blind messages, for what must never be trained on. */
export function readEveryBlindSet(): BlindMessage[] {
  return BLIND_SETS.flatMap((set) => readBlindSet(set.directory, set.sha256).messages);
}
