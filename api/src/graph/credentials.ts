import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ClientCredential } from './entra-tokens.ts';

/**
 * Diarium's credential for Entra ID from the configuration: a certificate (a PEM file with
 * the private key and the certificate; its SHA-256 thumbprint is computed here) or a client
 * secret. Null when neither is set. A file that cannot be used stops start-up, naming it.
 */
export async function loadClientCredential(graph: { clientSecret?: string | undefined; clientCertificatePath?: string | undefined }): Promise<ClientCredential | null> {
  if (graph.clientCertificatePath) {
    const path = graph.clientCertificatePath;
    const pem = await readFile(path, 'utf8').catch((error: unknown) => {
      throw new Error(`ENTRA_CLIENT_CERTIFICATE_PATH: cannot read ${path} (${(error as Error).message})`);
    });
    const privateKey = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
    const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    if (!privateKey || !certificate) {
      throw new Error(`ENTRA_CLIENT_CERTIFICATE_PATH: ${path} must hold both the private key and the certificate, in PEM`);
    }
    const thumbprintSha256 = new X509Certificate(certificate).fingerprint256.replace(/:/g, '').toLowerCase();
    return { kind: 'certificate', privateKey, thumbprintSha256, x5c: certificate };
  }
  return graph.clientSecret ? { kind: 'secret', secret: graph.clientSecret } : null;
}
