#include "domain/accounts/webauthn.hpp"

#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

namespace trove::accounts::webauthn {

namespace {

Error bad(std::string message) {
    return Error::invalid("response", std::move(message));
}

struct CborDeleter {
    void operator()(cbor_item_t* item) const { cbor_decref(&item); }
};
using CborItem = std::unique_ptr<cbor_item_t, CborDeleter>;

// Loads one CBOR item; `read` is how many bytes it took.
CborItem load_cbor(std::string_view bytes, std::size_t* read = nullptr) {
    cbor_load_result result{};
    cbor_item_t* item = cbor_load(reinterpret_cast<cbor_data>(bytes.data()), bytes.size(), &result);
    if (!item || result.error.code != CBOR_ERR_NONE) {
        if (item)
            cbor_decref(&item);
        return CborItem();
    }
    if (read)
        *read = result.read;
    return CborItem(item);
}

std::optional<long long> cbor_int(const cbor_item_t* item) {
    if (cbor_isa_uint(item))
        return static_cast<long long>(cbor_get_int(item));
    if (cbor_isa_negint(item))
        return -1 - static_cast<long long>(cbor_get_int(item));
    return std::nullopt;
}

std::optional<std::string> cbor_bytes(const cbor_item_t* item) {
    if (!cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item))
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(cbor_bytestring_handle(item)),
                       cbor_bytestring_length(item));
}

std::optional<std::string> cbor_text(const cbor_item_t* item) {
    if (!cbor_isa_string(item) || !cbor_string_is_definite(item))
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(cbor_string_handle(item)),
                       cbor_string_length(item));
}

// The value under an integer key of a COSE map.
const cbor_item_t* by_int_key(const cbor_item_t* map, long long key) {
    const cbor_pair* pairs = cbor_map_handle(map);
    for (std::size_t i = 0; i < cbor_map_size(map); ++i) {
        if (cbor_int(pairs[i].key) == key)
            return pairs[i].value;
    }
    return nullptr;
}

const cbor_item_t* by_text_key(const cbor_item_t* map, std::string_view key) {
    const cbor_pair* pairs = cbor_map_handle(map);
    for (std::size_t i = 0; i < cbor_map_size(map); ++i) {
        if (cbor_text(pairs[i].key) == key)
            return pairs[i].value;
    }
    return nullptr;
}

struct PkeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// A public key from OpenSSL parameters ("EC" or "RSA").
Pkey key_from_params(const char* type, OSSL_PARAM_BLD* build) {
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY* key = nullptr;
    if (params && ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    return Pkey(key);
}

// The key must be a valid public key (for EC: the point on the curve).
bool publicly_valid(EVP_PKEY* key) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
    const bool ok = ctx && EVP_PKEY_public_check(ctx) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

}  // namespace

RelyingParty RelyingParty::from_public_url(std::string_view url, std::string name) {
    RelyingParty rp;
    rp.name = std::move(name);
    std::string_view scheme = "http";
    if (auto at = url.find("://"); at != std::string_view::npos) {
        scheme = url.substr(0, at);
        url.remove_prefix(at + 3);
    }
    std::string_view authority = url.substr(0, url.find('/'));
    std::string_view host = authority, port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        host = authority.substr(0, close + 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            port = authority.substr(close + 2);
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    const bool default_port =
        port.empty() || (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
    rp.id = std::string(host);
    rp.origin = std::string(scheme) + "://" + std::string(host) +
                (default_port ? "" : ":" + std::string(port));
    return rp;
}

std::string sha256(std::string_view data) {
    unsigned char digest[32];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

Result<ClientData> parse_client_data(std::string_view json) {
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return bad("The passkey's client data is not valid JSON.");
    ClientData out;
    auto text = [&](const char* key, std::string& field) {
        auto it = parsed.find(key);
        if (it == parsed.end() || !it->is_string())
            return false;
        field = it->get<std::string>();
        return true;
    };
    if (!text("type", out.type) || !text("challenge", out.challenge) || !text("origin", out.origin))
        return bad("The passkey's client data lacks its type, challenge or origin.");
    return out;
}

Result<void> check_client_data(const ClientData& data, std::string_view type,
                               std::string_view challenge, const RelyingParty& rp) {
    if (data.type != type)
        return bad("The passkey answered a different kind of request.");
    if (data.challenge != challenge)
        return bad("The passkey signed a different challenge.");
    if (data.origin != rp.origin)
        return bad("The passkey was used on another site (" + data.origin + ").");
    return {};
}

Result<AuthenticatorData> parse_authenticator_data(std::string_view bytes, bool with_credential) {
    constexpr std::size_t kFixed = 32 + 1 + 4;
    if (bytes.size() < kFixed)
        return bad("The authenticator data is too short.");
    AuthenticatorData out;
    out.rp_id_hash = std::string(bytes.substr(0, 32));
    out.flags = static_cast<std::uint8_t>(bytes[32]);
    for (int i = 0; i < 4; ++i)
        out.sign_count = (out.sign_count << 8) | static_cast<unsigned char>(bytes[33 + i]);
    std::size_t at = kFixed;
    if (out.flags & kAttestedCredential) {
        if (bytes.size() < at + 16 + 2)
            return bad("The authenticator data is too short.");
        at += 16;  // AAGUID: which model of authenticator (not used)
        const std::size_t length = (static_cast<unsigned char>(bytes[at]) << 8) |
                                   static_cast<unsigned char>(bytes[at + 1]);
        at += 2;
        if (length == 0 || length > 1023 || bytes.size() < at + length)
            return bad("The credential id is missing or too long.");
        out.credential_id = std::string(bytes.substr(at, length));
        at += length;
        std::size_t read = 0;
        CborItem key = load_cbor(bytes.substr(at), &read);
        if (!key || !cbor_isa_map(key.get()))
            return bad("The credential's public key is not valid CBOR.");
        out.public_key = std::string(bytes.substr(at, read));
        at += read;
    }
    if (with_credential && out.credential_id.empty())
        return bad("The authenticator data carries no new credential.");
    if (out.flags & kExtensions) {
        std::size_t read = 0;
        if (!load_cbor(bytes.substr(at), &read))
            return bad("The authenticator's extensions are not valid CBOR.");
        at += read;
    }
    if (at != bytes.size())
        return bad("The authenticator data has bytes left over.");
    return out;
}

Result<AuthenticatorData> parse_attestation_object(std::string_view cbor) {
    CborItem object = load_cbor(cbor);
    if (!object || !cbor_isa_map(object.get()))
        return bad("The attestation object is not a CBOR map.");
    const cbor_item_t* fmt = by_text_key(object.get(), "fmt");
    const cbor_item_t* auth = by_text_key(object.get(), "authData");
    if (!fmt || !cbor_text(fmt) || !auth)
        return bad("The attestation object lacks its format or authenticator data.");
    auto bytes = cbor_bytes(auth);
    if (!bytes)
        return bad("The attestation object's authenticator data is not a byte string.");
    return parse_authenticator_data(*bytes, true);
}

Result<void> check_authenticator_data(const AuthenticatorData& data, const RelyingParty& rp) {
    if (data.rp_id_hash != sha256(rp.id))
        return bad("The passkey belongs to another site.");
    if (!(data.flags & kUserPresent) || !(data.flags & kUserVerified))
        return bad("The passkey did not verify you (PIN, fingerprint or face). Try again.");
    return {};
}

Result<PublicKey> public_key_from_cose(std::string_view cose) {
    CborItem map = load_cbor(cose);
    if (!map || !cbor_isa_map(map.get()))
        return bad("The credential's public key is not a COSE key.");
    auto kty = by_int_key(map.get(), 1) ? cbor_int(by_int_key(map.get(), 1)) : std::nullopt;
    auto alg = by_int_key(map.get(), 3) ? cbor_int(by_int_key(map.get(), 3)) : std::nullopt;
    if (!kty || !alg)
        return bad("The credential's public key lacks its type or algorithm.");
    auto bytes_at = [&](long long key) -> std::optional<std::string> {
        const cbor_item_t* v = by_int_key(map.get(), key);
        return v ? cbor_bytes(v) : std::nullopt;
    };
    auto int_at = [&](long long key) -> std::optional<long long> {
        const cbor_item_t* v = by_int_key(map.get(), key);
        return v ? cbor_int(v) : std::nullopt;
    };
    Pkey key;
    if (*alg == kEs256 && *kty == 2) {
        auto x = bytes_at(-2), y = bytes_at(-3);
        if (int_at(-1) != 1 || !x || !y || x->size() != 32 || y->size() != 32)
            return bad("An ES256 key must be a P-256 point.");
        std::string point = "\x04" + *x + *y;
        OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
        OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
        OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size());
        key = key_from_params("EC", build);
        OSSL_PARAM_BLD_free(build);
    } else if (*alg == kEdDsa && *kty == 1) {
        auto x = bytes_at(-2);
        if (int_at(-1) != 6 || !x || x->size() != 32)
            return bad("An EdDSA key must be an Ed25519 key.");
        key = Pkey(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()), 32));
    } else if (*alg == kRs256 && *kty == 3) {
        auto n = bytes_at(-1), e = bytes_at(-2);
        if (!n || !e || n->size() < 256 || e->empty() || e->size() > 8)
            return bad("An RS256 key must have a modulus of at least 2048 bits.");
        BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                                 static_cast<int>(n->size()), nullptr);
        BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                                 static_cast<int>(e->size()), nullptr);
        OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
        OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, bn_n);
        OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, bn_e);
        key = key_from_params("RSA", build);
        OSSL_PARAM_BLD_free(build);
        BN_free(bn_n);
        BN_free(bn_e);
    } else {
        return bad("Trove accepts passkeys using ES256, EdDSA or RS256.");
    }
    if (!key || !publicly_valid(key.get()))
        return bad("The credential's public key is not valid.");
    const int length = i2d_PUBKEY(key.get(), nullptr);
    if (length <= 0)
        return bad("The credential's public key is not valid.");
    PublicKey out;
    out.algorithm = static_cast<int>(*alg);
    out.spki_der.resize(static_cast<std::size_t>(length));
    auto* cursor = reinterpret_cast<unsigned char*>(out.spki_der.data());
    i2d_PUBKEY(key.get(), &cursor);
    return out;
}

bool verify(const PublicKey& key, std::string_view data, std::string_view signature) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(key.spki_der.data());
    Pkey pkey(d2i_PUBKEY(nullptr, &cursor, static_cast<long>(key.spki_der.size())));
    if (!pkey)
        return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const EVP_MD* digest = key.algorithm == kEdDsa ? nullptr : EVP_sha256();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, digest, nullptr, pkey.get()) == 1 &&
              EVP_DigestVerify(
                  ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                  reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

}  // namespace trove::accounts::webauthn
