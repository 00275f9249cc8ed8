// Authenticator codes against the published test vectors: RFC 6238 Appendix B (SHA-1, the
// 20-byte ASCII secret "12345678901234567890"; the RFC prints 8 digits, a 6-digit code is their
// last six) and RFC 4648 §10 for base32.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "domain/accounts/totp.hpp"

using namespace trove::accounts;

namespace {
const std::string kRfcSecret = "12345678901234567890";
}

TEST(totp, base32_matches_rfc_4648_vectors) {
    EXPECT_EQ(totp::base32_encode(""), "");
    EXPECT_EQ(totp::base32_encode("f"), "MY");
    EXPECT_EQ(totp::base32_encode("fo"), "MZXQ");
    EXPECT_EQ(totp::base32_encode("foo"), "MZXW6");
    EXPECT_EQ(totp::base32_encode("foob"), "MZXW6YQ");
    EXPECT_EQ(totp::base32_encode("fooba"), "MZXW6YTB");
    EXPECT_EQ(totp::base32_encode("foobar"), "MZXW6YTBOI");
    EXPECT_EQ(totp::base32_decode("MZXW6YTBOI======").value(), "foobar");
    EXPECT_EQ(totp::base32_decode("mzxw 6ytb oi").value(), "foobar") << "case and spaces ignored";
    EXPECT_FALSE(totp::base32_decode("MZXW1").has_value()) << "1 is not in the alphabet";
}

TEST(totp, codes_match_rfc_6238_appendix_b) {
    trove::crypto::init();
    // Unix time -> 8-digit code in the RFC; steps of 30 s.
    EXPECT_EQ(totp::code_at(kRfcSecret, 59 / 30), "287082");             // 94287082
    EXPECT_EQ(totp::code_at(kRfcSecret, 1111111109 / 30), "081804");     // 07081804
    EXPECT_EQ(totp::code_at(kRfcSecret, 1111111111 / 30), "050471");     // 14050471
    EXPECT_EQ(totp::code_at(kRfcSecret, 1234567890 / 30), "005924");     // 89005924
    EXPECT_EQ(totp::code_at(kRfcSecret, 2000000000 / 30), "279037");     // 69279037
    EXPECT_EQ(totp::code_at(kRfcSecret, 20000000000LL / 30), "353130");  // 65353130
}

TEST(totp, a_code_is_accepted_one_step_either_side_and_only_once) {
    trove::crypto::init();
    const trove::TimeMs now = 1234567890LL * 1000;
    const std::int64_t step = totp::step_at(now);
    EXPECT_EQ(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step), now, 0), step);
    EXPECT_EQ(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step - 1), now, 0), step - 1);
    EXPECT_EQ(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step + 1), now, 0), step + 1);
    EXPECT_FALSE(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step - 2), now, 0));
    EXPECT_FALSE(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step + 2), now, 0));
    // Used already (the last accepted step is this one or later).
    EXPECT_FALSE(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step), now, step));
    EXPECT_FALSE(totp::match(kRfcSecret, totp::code_at(kRfcSecret, step - 1), now, step - 1));
    EXPECT_FALSE(totp::match(kRfcSecret, "12345", now, 0)) << "too short";
    EXPECT_FALSE(totp::match(kRfcSecret, "abcdef", now, 0));
}

TEST(totp, otpauth_url_names_issuer_account_and_parameters) {
    EXPECT_EQ(totp::otpauth_url("Trove", "anna.k@praxis.test", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/Trove:anna.k%40praxis.test?secret=JBSWY3DPEHPK3PXP&issuer=Trove"
              "&algorithm=SHA1&digits=6&period=30");
}
