// Small shared pieces of the local cloud: loopback listening and the placeholder credentials local clients sign with.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export const LOOPBACK = "127.0.0.1";

/** Every local endpoint accepts any signature; the SDK still wants credentials to sign with. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };

export const listen = (server: Server, port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => {
      server.off("error", reject);
      resolve(`http://${LOOPBACK}:${(server.address() as AddressInfo).port}`);
    });
  });
