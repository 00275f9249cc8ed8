#include "api/api.hpp"
#include "api/responses.hpp"
#include "http/error_mapping.hpp"

namespace trove::api {

void add_system_routes(ApiRouter& router, Services& services) {
    router.add("GET", "/healthz", {Access::anyone, [](Exchange&) -> Result<http::Response> {
                                       return json_response(200, {{"status", "ok"}});
                                   }});
    router.add("GET", "/readyz", {Access::anyone, [&services](Exchange&) -> Result<http::Response> {
                                      if (!services.db.ping())
                                          return Error::unavailable("readiness probe failed");
                                      return json_response(200, {{"status", "ready"}});
                                  }});
    router.add("GET", "/api/v1/openapi.json",
               {Access::anyone, [](Exchange&) -> Result<http::Response> {
                    http::Response r;
                    r.body = openapi_document();
                    r.set_header("Cache-Control", "no-cache");
                    return r;
                }});
}

}  // namespace trove::api
