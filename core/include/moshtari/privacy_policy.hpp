#pragma once
// What erasing a customer keeps: the `privacy:` section of moshtari.yaml. Kept records are detached
// from the person, so they still count (revenue, contact volumes) but name nobody.

namespace moshtari {

struct PrivacyPolicy {
    // Orders stay as guest orders (date, total, lines); bookkeeping law usually requires them.
    bool keep_orders = true;
    // Interactions stay (channel, kind, time, outcome) without their free text, which may quote
    // the person.
    bool keep_interactions = false;
};

}  // namespace moshtari
