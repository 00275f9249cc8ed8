#pragma once
// Authenticator-app codes (RFC 6238 TOTP over RFC 4226 HOTP: HMAC-SHA-1, 6 digits, 30-second
// steps) and the RFC 4648 base32 text people type their secret in. Pure functions; no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace trove::accounts::totp {

constexpr int kDigits = 6;
constexpr TimeMs kStepMs = 30 * 1000;
constexpr int kSecretBytes = 20;  // 160 bits, the size RFC 4226 recommends for HMAC-SHA-1

//! RFC 4648 base32, upper case, without padding (how authenticator apps take secrets).
std::string base32_encode(std::string_view bytes);
//! Accepts upper or lower case, ignores spaces and '=' padding; nullopt on any other character.
std::optional<std::string> base32_decode(std::string_view text);

//! The time step `at` falls in.
std::int64_t step_at(TimeMs at);
//! The 6-digit code for `step` (RFC 4226 dynamic truncation), with leading zeros.
std::string code_at(std::string_view secret, std::int64_t step);

//! The step whose code is `code`, looking one step either side of now (clock drift), and only at
//! steps after `last_used_step` (a code is accepted once). nullopt when none matches.
std::optional<std::int64_t> match(std::string_view secret, std::string_view code, TimeMs now,
                                  std::int64_t last_used_step);

//! otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauth_url(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32);

}  // namespace trove::accounts::totp
