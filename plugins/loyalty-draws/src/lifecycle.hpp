#pragma once
// A draw from creation to commitment: `draws create` (the seed's commitment published), `draws
// enter` (entries by hand) and `draws close` (the entry list frozen and its hash published). Each
// is one transaction with its event.

#include <cstdint>
#include <string>
#include <vector>

#include "draw_store.hpp"
#include "settings.hpp"

namespace moshtari {
class Workspace;
}

namespace moshtari::draws {

struct NewDraw {
    std::string name{};
    Timestamp from{};
    Timestamp to{};  // exclusive
    std::int64_t winners = 1;
    std::vector<std::string> prizes{};
    std::string by{};
};

// Also gives the draw the entries of orders and referrals already recorded in its window.
Draw create_draw(Workspace& workspace, const Settings& settings, const NewDraw& request,
                 Timestamp at);

struct ManualEntry {
    std::string draw{};
    CustomerId customer = 0;
    std::int64_t count = 1;
    std::string reference{};  // one entry per reference and draw; default "no-purchase:<customer>"
    std::string reason{};
    std::string by{};
    Timestamp at{};  // must fall in the draw's window
};

Entry enter(Workspace& workspace, const ManualEntry& request);

// Freezes the draw's entry list in the caller's transaction: refused before the window has ended.
Draw commit(Workspace& workspace, Draw draw, const std::string& beacon_source, Timestamp at);
// `draws close`: commit() in a transaction of its own.
Draw close_draw(Workspace& workspace, const std::string& name, const std::string& beacon_source,
                Timestamp at);

}  // namespace moshtari::draws
