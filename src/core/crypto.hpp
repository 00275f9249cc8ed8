#pragma once
// The few cryptographic operations Trove needs, done by libsodium (and by OpenSSL for the one
// primitive libsodium lacks: HMAC-SHA-1, which RFC 6238 authenticator codes are defined on).
// Nothing here is hand-rolled cryptography: these are thin, typed wrappers so that callers cannot
// mix up a token and its hash.

#include <string>
#include <string_view>

namespace trove::crypto {

//! Must be called once before any other function here (idempotent, thread-safe).
void init();

//! 256 random bits as 43 base64url characters: session tokens, invite tokens, API tokens.
std::string random_token();

//! `bytes` random bytes, base64url without padding.
std::string random_base64url(size_t bytes);

//! SHA-256 of `data` as 64 lowercase hex characters. Tokens are stored only as this hash.
std::string sha256_hex(std::string_view data);

//! Argon2id hash in libsodium's self-describing string format (includes salt and parameters).
std::string hash_password(std::string_view password);

//! Checks a password against a hash made by hash_password. Takes the same time for an unknown user
//! when called with dummy_password_hash().
bool verify_password(std::string_view password, std::string_view hash);

//! A valid Argon2id hash of a random password, made once, for constant-time "no such user" checks.
const std::string& dummy_password_hash();

//! Whether a stored hash was made with weaker parameters than today's and should be redone.
bool password_needs_rehash(std::string_view hash);

//! Constant-time comparison of two strings of equal length (false when lengths differ).
bool equal_constant_time(std::string_view a, std::string_view b);

//! `bytes` random bytes, raw.
std::string random_bytes(size_t bytes);

//! HMAC-SHA-1 of `message` under `key` (20 raw bytes): the MAC RFC 4226/6238 codes are made of.
std::string hmac_sha1(std::string_view key, std::string_view message);

//! base64url without padding.
std::string base64url_encode(std::string_view data);
//! Decodes base64url without padding; returns false on invalid input.
bool base64url_decode(std::string_view text, std::string& out);

}  // namespace trove::crypto
