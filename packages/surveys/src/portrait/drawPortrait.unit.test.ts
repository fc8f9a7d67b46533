// The offline portrait: an SVG that is the same for the same persona and different for another.
import { describe, expect, it } from "vitest";
import { createOfflinePainter } from "./drawPortrait";

describe("the offline portrait painter", () => {
  it("draws a labelled SVG, deterministically per persona", async () => {
    const painter = createOfflinePainter();
    const maya = await painter.paint({ personaId: "p1", name: "Maya <3", traits: ["funny", "loyal"] });
    expect(maya.contentType).toBe("image/svg+xml");
    expect(maya.body).toMatch(/^<svg[^>]*role="img" aria-label="Portrait of Maya &#60;3"/);
    expect((await painter.paint({ personaId: "p1", name: "Maya <3", traits: ["funny", "loyal"] })).body).toBe(maya.body);
    expect((await painter.paint({ personaId: "p2", name: "Leo", traits: ["chill"] })).body).not.toBe(maya.body);
  });
});
