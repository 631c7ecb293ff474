// A passkey (WebAuthn, P-256) as a browser and its authenticator use it: the key pair made with node:crypto, the
// assertion built as navigator.credentials.get returns it (authenticator data with its flags, the client data JSON
// with type, base64url challenge and origin, the signature over authenticatorData || SHA-256(clientDataJSON)).
import { createECDH, createHash, createPrivateKey, randomBytes, sign } from "node:crypto";
import { ethers } from "ethers";

/** The order of P-256's base point; a signature's s and N - s both verify. */
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** Authenticator data flags: user present, user verified. */
export const Flags = { UP: 0x01, UV: 0x04 };

export const PASSKEY_TYPES = {
  PasskeyConsent: [
    { name: "recordId", type: "bytes32" },
    { name: "granteeDepartment", type: "uint32" },
    { name: "purpose", type: "uint16" },
    { name: "expiresAt", type: "uint64" },
    { name: "use", type: "uint8" },
    { name: "retentionDays", type: "uint16" },
    { name: "maxFetches", type: "uint16" },
    { name: "revocableBy", type: "uint8" },
    { name: "passkeyId", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  PasskeyRevocation: [
    { name: "grantId", type: "uint256" },
    { name: "passkeyId", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

const base64url = (bytes) => Buffer.from(bytes).toString("base64url");
const sha256 = (bytes) => createHash("sha256").update(bytes).digest();

export class Passkey {
  /** A passkey whose private scalar is SHA-256 of `label` (the same key every run), or a random one. */
  constructor(label = null, { rpId = "localhost", origin = "http://localhost:5080" } = {}) {
    const ecdh = createECDH("prime256v1");
    if (label === null) ecdh.generateKeys();
    else ecdh.setPrivateKey(sha256(Buffer.from(label, "utf8")));
    const point = ecdh.getPublicKey();
    this.x = ethers.hexlify(point.subarray(1, 33));
    this.y = ethers.hexlify(point.subarray(33, 65));
    this.id = ethers.keccak256(ethers.concat([this.x, this.y]));
    this.rpId = rpId;
    this.origin = origin;
    this._key = createPrivateKey({
      key: { kty: "EC", crv: "P-256", d: base64url(ecdh.getPrivateKey()), x: base64url(point.subarray(1, 33)), y: base64url(point.subarray(33, 65)) },
      format: "jwk",
    });
  }

  /**
   * The assertion over `challenge` (32 bytes, hex) as the contract takes it. Options: `flags` (UP|UV by default),
   * `highS` (s above N/2; by default s is below), `type` ("webauthn.get"), `tamper` (a function rewriting the client
   * data JSON after signing), `serialize` (a function writing the client data JSON from { type, challenge, origin }
   * in place of WebAuthn's serialization), `authenticatorData` (bytes to sign in place of the usual 37).
   */
  assert(challenge, { flags = Flags.UP | Flags.UV, highS = false, type = "webauthn.get", tamper = null, serialize = null, authenticatorData: authData = null } = {}) {
    const authenticatorData = authData ?? Buffer.concat([sha256(Buffer.from(this.rpId, "utf8")), Buffer.from([flags]), Buffer.from([0, 0, 0, 7])]);
    const fields = { type, challenge: base64url(ethers.getBytes(challenge)), origin: this.origin };
    const clientData = serialize ? serialize(fields)
      : `{"type":"${fields.type}","challenge":"${fields.challenge}","origin":"${fields.origin}","crossOrigin":false}`;
    const signature = sign("sha256", Buffer.concat([authenticatorData, sha256(Buffer.from(clientData, "utf8"))]), { key: this._key, dsaEncoding: "ieee-p1363" });
    let s = BigInt(ethers.hexlify(signature.subarray(32)));
    if ((s > P256_N / 2n) !== highS) s = P256_N - s;
    const clientDataJSON = tamper ? tamper(clientData) : clientData;
    return {
      x: this.x,
      y: this.y,
      r: ethers.hexlify(signature.subarray(0, 32)),
      s: ethers.toBeHex(s, 32),
      authenticatorData: ethers.hexlify(authenticatorData),
      clientDataJSON,
    };
  }
}

/** The registry's EIP-712 domain, for `chainId` and the registry's `address`. */
export const registryDomain = (chainId, address) => ({ name: "EthGov", version: "1", chainId, verifyingContract: address });

/** The digest a passkey signs as its WebAuthn challenge for a `primaryType` message in `domain`. */
export const passkeyChallenge = (domain, primaryType, message) =>
  ethers.TypedDataEncoder.hash(domain, { [primaryType]: PASSKEY_TYPES[primaryType] }, message);

/** 32 random bytes, hex: a challenge nobody asked for. */
export const randomChallenge = () => ethers.hexlify(randomBytes(32));
