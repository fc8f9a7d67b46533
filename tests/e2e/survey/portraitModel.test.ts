// The persona saga with an image model configured: the portrait is the picture the model server drew, served as bytes.
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from "@innerworld/emulators/model-server";
import { localCredentials } from "@innerworld/emulators/net";
import { tapBus, type BusTapHandle } from "@innerworld/testing/bus-tap";
import { ChatClient } from "@innerworld/testing/chat-client";
import { clockStartingAt } from "@innerworld/testing/clock";
import { startTestCloud, until, type TestCloud } from "@innerworld/testing/cloud";
import { readApiAs, type ReadApiClient } from "@innerworld/testing/read-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFrom, networkOfFriend } from "./fromNetwork";

const OWNER = "teen-portrait-owner";
const IMAGE_MODEL = "gpt-image-1";
/** A PNG the test server draws for this test alone, so the bytes served can only have come from it. */
const DRAWN = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4cYABAARsAbnUTUjoAAAAAElFTkSuQmCC", "base64");

describe("persona saga with an image model", () => {
  let env: TestCloud;
  let server: OpenAiCompatibleServer;
  let ownerApi: ReadApiClient;
  let tap: BusTapHandle;
  const personaOf: Record<string, string> = {};

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ apiKey: "test-key", behaviours: { [IMAGE_MODEL]: { image: DRAWN } } });
    Object.assign(process.env, {
      INNERWORLD_MODEL_BASE_URL: server.baseUrl,
      INNERWORLD_MODEL_API_KEY: "test-key",
      INNERWORLD_MODEL: "chat-model",
      INNERWORLD_IMAGE_MODEL: IMAGE_MODEL,
      // The persona is written offline, so its traits are known to the test; the picture comes from the model.
      INNERWORLD_SYNTHESISER: "offline",
    });
    env = await startTestCloud({ clock: clockStartingAt("2026-11-18T16:00:00Z") });
    ownerApi = await readApiAs(env.cloud.endpoints, OWNER);
    tap = await tapBus(env, ["PersonaPortraitReady"]);
  });
  afterAll(async () => {
    await tap.close();
    await env.stop();
    await server.close();
  });

  const surveyAnsweredByThree = async (subjectName: string) => {
    const created = (await (await ownerApi.request("POST", "/surveys", { subjectName })).json()) as { surveyId: string };
    // Each friend from a network of their own: a persona waits for answers from more than one.
    for (const [i, friend] of ["ana", "ben", "cleo"].entries()) {
      const response = await callFrom(networkOfFriend(i), `${env.cloud.endpoints.readApiUrl}/surveys/${created.surveyId}/responses`, "POST", {
        respondentId: `browser-${subjectName}-${friend}-01`,
        answers: [
          { questionId: "three_words", answer: "funny, loyal and curious" },
          { questionId: "passions", answer: "marine biology and drawing" },
          { questionId: "talk_style", answer: "playful and joking" },
        ],
      });
      expect(response.status).toBe(202);
    }
    return until(async () => {
      const view = await ownerApi.json<{ status: string; personaId?: string }>(`/surveys/${created.surveyId}`);
      return view.status === "ready" ? view : undefined;
    }, `${subjectName}'s persona to be ready`, 30_000);
  };

  it("paints the portrait with the image model from the traits alone, and serves the very bytes it drew", { timeout: 60_000 }, async () => {
    const owner = await ChatClient.connect(env.cloud.endpoints, OWNER);
    const ready = await surveyAnsweredByThree("Maya");
    const personaId = ready.personaId as string;
    personaOf.Maya = personaId;
    expect((await owner.waitFor("persona_ready", (p) => p.personaId === personaId)).payload).toMatchObject({ portrait: true });

    const portrait = await ownerApi.request("GET", `/personas/${personaId}/portrait`);
    expect(portrait.status).toBe(200);
    expect(portrait.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await portrait.arrayBuffer()).equals(DRAWN)).toBe(true);

    const painted = server.requestsFor(IMAGE_MODEL);
    expect(painted).toHaveLength(1);
    expect(painted[0]?.path).toBe("/v1/images/generations");
    expect(painted[0]?.prompt).toContain("funny");
    // The teen's name stays with us.
    expect(painted[0]?.prompt).not.toContain("Maya");
    const announced = await tap.waitFor("PersonaPortraitReady", (e) => (e.detail as { data: { personaId: string } }).data.personaId === personaId);
    expect((announced.detail as { data: unknown }).data).toMatchObject({ painter: `image-model:${IMAGE_MODEL}`, contentType: "image/png" });
    await owner.close();
  });

  it("leaves the persona ready without a portrait when the image model refuses every time", { timeout: 60_000 }, async () => {
    server.setBehaviour(IMAGE_MODEL, { fail: { status: 400, message: "Your request was rejected by the safety system." } });
    const owner = await ChatClient.connect(env.cloud.endpoints, OWNER);
    const ready = await surveyAnsweredByThree("Noor");
    const personaId = ready.personaId as string;
    expect((await owner.waitFor("persona_ready", (p) => p.personaId === personaId)).payload).toMatchObject({ portrait: false });
    expect((await ownerApi.request("GET", `/personas/${personaId}/portrait`)).status).toBe(404);
    const session = await owner.request("start_session", { personaId }, "session_started");
    expect(session.payload.personaId).toBe(personaId);
    await owner.close();
  });

  it("fails the survey, and takes no more answers, when its persona is deleted while the portrait is painted", { timeout: 60_000 }, async () => {
    // The image model takes its time, so the owner deletes the persona while it paints.
    server.setBehaviour(IMAGE_MODEL, { image: DRAWN, delayMs: 3_000 });
    const painting = server.requestsFor(IMAGE_MODEL).length;
    const { surveyId } = (await (await ownerApi.request("POST", "/surveys", { subjectName: "Remy" })).json()) as { surveyId: string };
    const answerAs = (i: number, friend: string) =>
      callFrom(networkOfFriend(i), `${env.cloud.endpoints.readApiUrl}/surveys/${surveyId}/responses`, "POST", {
        respondentId: `browser-remy-${friend}-01`,
        answers: [{ questionId: "three_words", answer: "quiet, clever and kind" }],
      });
    for (const [i, friend] of ["ana", "ben", "cleo"].entries()) expect((await answerAs(i, friend)).status).toBe(202);
    const drawing = await until(async () => {
      const view = await ownerApi.json<{ status: string; personaId?: string }>(`/surveys/${surveyId}`);
      return view.status === "drawing" && server.requestsFor(IMAGE_MODEL).length > painting ? view : undefined;
    }, "Remy's portrait to be painting", 30_000);

    expect((await ownerApi.request("DELETE", `/personas/${drawing.personaId as string}`)).status).toBe(204);

    const failed = await until(async () => {
      const view = await ownerApi.json<{ status: string; failureReason?: string }>(`/surveys/${surveyId}`);
      return view.status === "failed" ? view : undefined;
    }, "Remy's survey to fail with its persona gone", 30_000);
    expect(failed.failureReason).toMatch(/^PERSONA_DELETED: /);
    expect((await answerAs(3, "dee")).status).toBe(410);
    // The picture painted meanwhile is not kept either, and the survey stays failed once the painting is over.
    await until(async () => (server.requestsFor(IMAGE_MODEL).at(-1)?.response?.status === 200 ? true : undefined), "the painting to end");
    expect((await ownerApi.request("GET", `/personas/${drawing.personaId as string}/portrait`)).status).toBe(404);
    expect((await ownerApi.json<{ status: string }>(`/surveys/${surveyId}`)).status).toBe("failed");
  });

  it("deletes a persona's picture with the persona, and every picture of a user who asks to be erased", { timeout: 60_000 }, async () => {
    server.setBehaviour(IMAGE_MODEL, { image: DRAWN });
    const s3 = new S3Client({ endpoint: env.cloud.endpoints.s3Endpoint, region: env.cloud.endpoints.region, credentials: localCredentials, forcePathStyle: true });
    const stored = (personaId: string) =>
      s3.send(new HeadObjectCommand({ Bucket: env.cloud.endpoints.portraitBucket, Key: `portraits/${personaId}.svg` })).then(
        () => true,
        () => false,
      );
    const ivy = (await surveyAnsweredByThree("Ivy")).personaId as string;
    await until(() => stored(ivy), "Ivy's portrait stored");
    expect(await stored(personaOf.Maya ?? "")).toBe(true);

    expect((await ownerApi.request("DELETE", `/personas/${ivy}`)).status).toBe(204);
    await until(async () => !(await stored(ivy)) || undefined, "Ivy's portrait deleted with her persona");
    expect(await stored(personaOf.Maya ?? "")).toBe(true);

    expect((await ownerApi.request("DELETE", "/me")).status).toBeLessThan(300);
    await until(async () => !(await stored(personaOf.Maya ?? "")) || undefined, "Maya's portrait erased with its owner");
    s3.destroy();
  });
});
