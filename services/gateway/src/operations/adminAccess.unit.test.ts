// The admin check reads every shape in which `cognito:groups` reaches a Lambda.
import { describe, expect, it } from "vitest";
import { groupsOf, isAdmin } from "./adminAccess";

describe("groupsOf", () => {
  it("reads a JSON array, API Gateway's bracketed string and its JSON string form", () => {
    expect(groupsOf({ "cognito:groups": ["admins", "staff"] })).toEqual(["admins", "staff"]);
    expect(groupsOf({ "cognito:groups": "[admins staff]" })).toEqual(["admins", "staff"]);
    expect(groupsOf({ "cognito:groups": '["admins","staff"]' })).toEqual(["admins", "staff"]);
  });

  it("finds no groups in a token without the claim, and no admin in one that only looks close", () => {
    expect(groupsOf({ sub: "alex" })).toEqual([]);
    expect(isAdmin({ "cognito:groups": "[administrators]" })).toBe(false);
    expect(isAdmin({ "cognito:groups": ["admins"] })).toBe(true);
    expect(isAdmin(undefined)).toBe(false);
  });
});
