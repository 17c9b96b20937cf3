#include "gw/telemetry/sampler.hpp"

#include <cmath>

namespace gw::telemetry {

Sampler::Sampler(double random_sampling) {
    if (!(random_sampling > 0)) return;  // also catches NaN
    enabled_ = true;
    const double ratio = random_sampling / 100.0;
    always_ = ratio >= 1.0;
    // A double below 1 has at most 53 significant bits, so ratio * 2^64 is exact and < 2^64.
    if (!always_) threshold_ = static_cast<std::uint64_t>(std::ldexp(ratio, 64));
}

bool Sampler::ratio_sampled(const TraceId& id) const {
    return always_ || random_part(id) < threshold_;
}

SamplingDecision Sampler::decide(const std::optional<TraceContext>& incoming,
                                 const TraceId& new_trace_id) const {
    if (incoming) {
        const TraceParent& parent = incoming->parent;
        const bool sampled = parent.sampled();
        return {enabled_ && sampled, parent.trace_id, parent.parent_id, sampled};
    }
    const bool sampled = enabled_ && ratio_sampled(new_trace_id);
    return {sampled, new_trace_id, std::nullopt, sampled};
}

SamplingDecision Sampler::decide(const std::optional<TraceContext>& incoming) const {
    return decide(incoming, incoming ? incoming->parent.trace_id : TraceId::random());
}

}  // namespace gw::telemetry
