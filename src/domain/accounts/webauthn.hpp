#pragma once
// The parts of WebAuthn Level 2 (passkeys) a relying party checks, as pure functions: the client
// data a browser signs, the authenticator data, the attestation object (CBOR, parsed with
// libcbor; attestation statements are not verified — Trove asks for "none"), COSE public keys
// (ES256, EdDSA, RS256) turned into OpenSSL keys, and signature checks. No I/O; nothing
// hand-rolled.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace trove::accounts::webauthn {

constexpr int kEs256 = -7;
constexpr int kEdDsa = -8;
constexpr int kRs256 = -257;

constexpr std::uint8_t kUserPresent = 0x01;
constexpr std::uint8_t kUserVerified = 0x04;
constexpr std::uint8_t kAttestedCredential = 0x40;
constexpr std::uint8_t kExtensions = 0x80;

//! Who the passkeys are for: the RP id is the host of --public-url, the origin its scheme, host and
//! port.
struct RelyingParty {
    std::string id;
    std::string name;
    std::string origin;
    //! From a public URL such as "https://trove.example.org" or "http://127.0.0.1:8080/".
    static RelyingParty from_public_url(std::string_view url, std::string name = "Trove");
};

struct ClientData {
    std::string type;       // "webauthn.create" or "webauthn.get"
    std::string challenge;  // base64url, as the server sent it
    std::string origin;
};

struct AuthenticatorData {
    std::string rp_id_hash;  // 32 bytes
    std::uint8_t flags = 0;
    std::uint32_t sign_count = 0;
    std::string credential_id;  // with an attested credential only
    std::string public_key;     // COSE_Key bytes, with an attested credential only
};

struct PublicKey {
    int algorithm = 0;
    std::string spki_der;  // SubjectPublicKeyInfo, DER (what is stored)
};

//! Parses clientDataJSON. Errors: invalid on `response`.
Result<ClientData> parse_client_data(std::string_view json);

//! Checks the client data against what this server expects.
Result<void> check_client_data(const ClientData& data, std::string_view type,
                               std::string_view challenge, const RelyingParty& rp);

//! Parses authenticator data; `with_credential`: the attested credential data must be present.
Result<AuthenticatorData> parse_authenticator_data(std::string_view bytes, bool with_credential);

//! The authenticator data inside an attestation object (any format; the statement is ignored).
Result<AuthenticatorData> parse_attestation_object(std::string_view cbor);

//! Checks the RP id hash and that the user was present and verified.
Result<void> check_authenticator_data(const AuthenticatorData& data, const RelyingParty& rp);

//! A COSE_Key as an OpenSSL public key: ES256 (P-256), EdDSA (Ed25519) or RS256; others refused.
Result<PublicKey> public_key_from_cose(std::string_view cose);

//! Verifies `signature` over `data` (for an assertion: authenticatorData || SHA-256(clientData)).
bool verify(const PublicKey& key, std::string_view data, std::string_view signature);

//! SHA-256, raw 32 bytes.
std::string sha256(std::string_view data);

}  // namespace trove::accounts::webauthn
