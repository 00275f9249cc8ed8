// Passkeys end to end against a real server, with a software authenticator written here from the
// WebAuthn Level 2 data formats: an OpenSSL P-256 key, its COSE form and the attestation object in
// CBOR (libcbor), assertions signed with ECDSA-SHA-256. (The browser test drives Chromium's own
// virtual authenticator.) Registration, sign-in with the passkey only, a replayed challenge, a
// wrong origin, an unverified user, a counter that goes backwards, removal.
#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

std::string sha256(std::string_view data) {
    unsigned char digest[32];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string b64(std::string_view bytes) {
    return crypto::base64url_encode(bytes);
}

std::string serialize(cbor_item_t* item) {
    unsigned char* buffer = nullptr;
    std::size_t size = 0;
    std::size_t length = cbor_serialize_alloc(item, &buffer, &size);
    std::string out(reinterpret_cast<const char*>(buffer), length);
    free(buffer);
    cbor_decref(&item);
    return out;
}

void add(cbor_item_t* map, cbor_item_t* key, cbor_item_t* value) {
    cbor_map_add(map, cbor_pair{cbor_move(key), cbor_move(value)});
}

std::string bytes_be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

// A passkey authenticator in software: one P-256 credential and its signature counter.
class SoftAuthenticator {
public:
    SoftAuthenticator() : m_key(EVP_EC_gen("P-256")) { m_credential_id = crypto::random_bytes(32); }
    ~SoftAuthenticator() { EVP_PKEY_free(m_key); }

    std::string credential_id() const { return b64(m_credential_id); }

    // navigator.credentials.create(), as PublicKeyCredential JSON.
    json create(const json& options, const std::string& origin, std::uint8_t flags = 0x45) {
        unsigned char point[65];
        std::size_t length = 0;
        EVP_PKEY_get_octet_string_param(m_key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                        &length);
        cbor_item_t* cose = cbor_new_definite_map(5);
        add(cose, cbor_build_uint8(1), cbor_build_uint8(2));    // kty: EC2
        add(cose, cbor_build_uint8(3), cbor_build_negint8(6));  // alg: -7 (ES256)
        add(cose, cbor_build_negint8(0), cbor_build_uint8(1));  // crv: P-256
        add(cose, cbor_build_negint8(1), cbor_build_bytestring(point + 1, 32));
        add(cose, cbor_build_negint8(2), cbor_build_bytestring(point + 33, 32));
        const std::string rp_id = options["rp"]["id"];
        std::string auth = sha256(rp_id) + std::string(1, static_cast<char>(flags)) +
                           bytes_be32(m_counter) + std::string(16, '\0') +
                           std::string{static_cast<char>(0), static_cast<char>(32)} +
                           m_credential_id + serialize(cose);
        cbor_item_t* object = cbor_new_definite_map(3);
        add(object, cbor_build_string("fmt"), cbor_build_string("none"));
        add(object, cbor_build_string("attStmt"), cbor_new_definite_map(0));
        add(object, cbor_build_string("authData"),
            cbor_build_bytestring(reinterpret_cast<const unsigned char*>(auth.data()),
                                  auth.size()));
        const std::string client_data = json{
            {"type", "webauthn.create"},
            {"challenge", options["challenge"]},
            {"origin", origin},
            {"crossOrigin", false}}.dump();
        return {
            {"id", credential_id()},
            {"rawId", credential_id()},
            {"type", "public-key"},
            {"response",
             {{"clientDataJSON", b64(client_data)}, {"attestationObject", b64(serialize(object))}}},
            {"clientExtensionResults", json::object()}};
    }

    // navigator.credentials.get(), as PublicKeyCredential JSON.
    json get(const json& options, const std::string& origin, std::uint8_t flags = 0x05,
             std::optional<std::uint32_t> counter = std::nullopt) {
        m_counter = counter.value_or(m_counter + 1);
        const std::string rp_id = options["rpId"];
        const std::string auth =
            sha256(rp_id) + std::string(1, static_cast<char>(flags)) + bytes_be32(m_counter);
        const std::string client_data = json{
            {"type", "webauthn.get"},
            {"challenge", options["challenge"]},
            {"origin", origin}}.dump();
        const std::string signed_data = auth + sha256(client_data);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        std::size_t length = 0;
        EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key);
        EVP_DigestSign(ctx, nullptr, &length,
                       reinterpret_cast<const unsigned char*>(signed_data.data()),
                       signed_data.size());
        std::string signature(length, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(signed_data.data()),
                       signed_data.size());
        signature.resize(length);
        EVP_MD_CTX_free(ctx);
        return {{"id", credential_id()},
                {"rawId", credential_id()},
                {"type", "public-key"},
                {"response",
                 {{"clientDataJSON", b64(client_data)},
                  {"authenticatorData", b64(auth)},
                  {"signature", b64(signature)},
                  {"userHandle", nullptr}}}};
    }

private:
    EVP_PKEY* m_key;
    std::string m_credential_id;
    std::uint32_t m_counter = 0;
};

}  // namespace

class Passkeys : public SharedWorldSuite {
protected:
    static std::string origin() { return "http://127.0.0.1:" + std::to_string(port()); }

    static std::string new_therapist() {
        static int counter = 0;
        Client admin = signed_in(world->b, "admin");
        std::string email = "passkey" + std::to_string(++counter) + "@b.test";
        auto r = admin.post("/api/v1/users", {{"email", email},
                                              {"name", "Passkey user"},
                                              {"role", "therapist"},
                                              {"password", kPassword}});
        EXPECT_EQ(r.status, 201) << r.body;
        return email;
    }

    // A passkey login attempt; on success the returned client is signed in with its cookie.
    static HttpResult sign_in(SoftAuthenticator& device, std::uint8_t flags = 0x05,
                              std::optional<std::uint32_t> counter = std::nullopt,
                              const std::string& at = "") {
        auto options = send(port(), "POST", "/api/v1/auth/passkey/options", "{}",
                            {{"Content-Type", "application/json"}});
        EXPECT_EQ(options.status, 200) << options.body;
        return send(port(), "POST", "/api/v1/auth/passkey",
                    device.get(options.json(), at.empty() ? origin() : at, flags, counter).dump(),
                    {{"Content-Type", "application/json"}});
    }
};

TEST_F(Passkeys, register_sign_in_with_the_passkey_only_and_remove_it) {
    const std::string email = new_therapist();
    Client c = signed_in_as(email);
    auto options = c.post("/api/v1/me/passkeys/options", json::object());
    ASSERT_EQ(options.status, 200) << options.body;
    const json o = options.json();
    EXPECT_EQ(o["rp"]["id"], "127.0.0.1");
    EXPECT_EQ(o["attestation"], "none");
    EXPECT_EQ(o["authenticatorSelection"]["userVerification"], "required");
    EXPECT_EQ(o["pubKeyCredParams"][0]["alg"], -7) << "ES256 first";
    EXPECT_EQ(o["timeout"], 300000);

    SoftAuthenticator device;
    json credential = device.create(o, origin());
    credential["name"] = "Work laptop";
    auto registered = c.post("/api/v1/me/passkeys", credential);
    ASSERT_EQ(registered.status, 201) << registered.body;
    EXPECT_EQ(registered.json()["name"], "Work laptop");
    // The same attestation again: its challenge is used up.
    EXPECT_EQ(c.post("/api/v1/me/passkeys", credential).status, 400);
    auto listed = c.get("/api/v1/me/passkeys").json()["items"];
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(c.get("/api/v1/me").json()["user"]["passkeys"], 1);

    // Sign in with the passkey alone (no email, no password): a normal session.
    auto in = sign_in(device);
    ASSERT_EQ(in.status, 200) << in.body;
    EXPECT_EQ(in.json()["user"]["email"], email);
    ASSERT_FALSE(in.set_cookies.empty());
    EXPECT_EQ(send(port(), "GET", "/api/v1/clients", "",
                   {{"Cookie", in.set_cookies[0].substr(0, in.set_cookies[0].find(';'))}})
                  .status,
              200);

    const std::string id = listed[0]["id"];
    EXPECT_EQ(c.del("/api/v1/me/passkeys/" + id).status, 204);
    EXPECT_EQ(c.del("/api/v1/me/passkeys/" + id).status, 404);
    auto after = sign_in(device);
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(after.error_code(), "invalid_passkey");
}

TEST_F(Passkeys, refuses_wrong_origin_unverified_user_replayed_challenge_and_a_counter_going_back) {
    Client c = signed_in_as(new_therapist());
    SoftAuthenticator device;
    auto options = c.post("/api/v1/me/passkeys/options", json::object()).json();
    // Registration from another site, or without user verification, is refused.
    EXPECT_EQ(c.post("/api/v1/me/passkeys", device.create(options, "https://evil.example")).status,
              400);
    options = c.post("/api/v1/me/passkeys/options", json::object()).json();
    EXPECT_EQ(c.post("/api/v1/me/passkeys", device.create(options, origin(), 0x41)).status, 400)
        << "user present but not verified";
    options = c.post("/api/v1/me/passkeys/options", json::object()).json();
    ASSERT_EQ(c.post("/api/v1/me/passkeys", device.create(options, origin())).status, 201);

    EXPECT_EQ(sign_in(device, 0x05, std::nullopt, "https://evil.example").status, 401);
    EXPECT_EQ(sign_in(device, 0x01).status, 401) << "not verified";
    ASSERT_EQ(sign_in(device, 0x05, 10).status, 200);
    EXPECT_EQ(sign_in(device, 0x05, 10).status, 401) << "the counter must move forward";
    EXPECT_EQ(sign_in(device, 0x05, 11).status, 200);

    // A challenge signs in once.
    auto challenge = send(port(), "POST", "/api/v1/auth/passkey/options", "{}",
                          {{"Content-Type", "application/json"}})
                         .json();
    const std::string assertion = device.get(challenge, origin(), 0x05, 20).dump();
    EXPECT_EQ(send(port(), "POST", "/api/v1/auth/passkey", assertion,
                   {{"Content-Type", "application/json"}})
                  .status,
              200);
    const std::string replay = device.get(challenge, origin(), 0x05, 21).dump();
    EXPECT_EQ(
        send(port(), "POST", "/api/v1/auth/passkey", replay, {{"Content-Type", "application/json"}})
            .status,
        401);
}

TEST_F(Passkeys, a_passkey_satisfies_the_practice_rule_for_staff) {
    // Its own admin with a passkey sets the rule; the therapist then needs one too.
    const std::string therapist_email = new_therapist();
    Client admin_b = signed_in(world->b, "admin");
    const std::string admin_email = "passkey-admin@b.test";
    ASSERT_EQ(admin_b
                  .post("/api/v1/users", {{"email", admin_email},
                                          {"name", "Passkey admin"},
                                          {"role", "admin"},
                                          {"password", kPassword}})
                  .status,
              201);
    Client admin = signed_in_as(admin_email);
    SoftAuthenticator admin_key;
    auto o = admin.post("/api/v1/me/passkeys/options", json::object()).json();
    ASSERT_EQ(admin.post("/api/v1/me/passkeys", admin_key.create(o, origin())).status, 201);
    ASSERT_EQ(
        admin.patch("/api/v1/practice-settings", {{"staff_second_factor", "required"}}).status,
        200);

    Client c = signed_in_as(therapist_email);
    EXPECT_EQ(c.get("/api/v1/clients").error_code(), "second_factor_setup_required");
    SoftAuthenticator device;
    auto options = c.post("/api/v1/me/passkeys/options", json::object());
    ASSERT_EQ(options.status, 200) << "setting one up is allowed: " << options.body;
    ASSERT_EQ(c.post("/api/v1/me/passkeys", device.create(options.json(), origin())).status, 201);
    EXPECT_EQ(c.get("/api/v1/clients").status, 200);
    ASSERT_EQ(
        admin.patch("/api/v1/practice-settings", {{"staff_second_factor", "optional"}}).status,
        200);
}
