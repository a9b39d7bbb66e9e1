import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { requireBinary } from "../require-binary.js";

const run = promisify(execFile);

export interface SigningMaterial {
  /** PEM of the self-signed certificate: the registry's rootcertbundle. */
  certPath: string;
  /** The certificate's DER, base64, for the JWT `x5c` header. */
  certDerBase64: string;
  /** PEM of the P-256 private key. */
  keyPem: string;
}

/** A P-256 key and a self-signed certificate for it, made by openssl in `dir`. */
export async function makeSigningMaterial(dir: string): Promise<SigningMaterial> {
  const openssl = requireBinary("openssl");
  const keyPath = join(dir, "token.key");
  const certPath = join(dir, "token.crt");
  await run(openssl, [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    keyPath,
    "-out",
    certPath,
    "-days",
    "2",
    "-subj",
    "/CN=alpinize-test-token-issuer",
  ]);
  const certPem = await readFile(certPath, "utf8");
  const keyPem = await readFile(keyPath, "utf8");
  const certDerBase64 = new X509Certificate(certPem).raw.toString("base64");
  return { certPath, certDerBase64, keyPem };
}
