#include "conf/domain/clock.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace nodevirt::conf {
namespace {

Result<TimerDef> parseTimer(Elem& t) {
    TimerDef d;
    auto name = t.attr("name");
    if (!name) return fail(t.error("missing timer name"));
    auto n = kTimerNames.parse(*name);
    if (!n) return fail(t.badValue("name", *name, "one of " + kTimerNames.list()));
    d.name = *n;
    NODEVIRT_ASSIGN_OR_RETURN(d.present, t.yesNoAttr("present"));
    NODEVIRT_ASSIGN_OR_RETURN(d.tickpolicy, t.enumAttr("tickpolicy", kTickPolicies));
    NODEVIRT_ASSIGN_OR_RETURN(d.track, t.enumAttr("track", kTimerTracks));
    NODEVIRT_ASSIGN_OR_RETURN(d.frequency, t.uintAttr("frequency"));
    NODEVIRT_ASSIGN_OR_RETURN(d.mode, t.enumAttr("mode", kTimerModes));
    if (d.frequency && d.name != TimerName::kTsc)
        return fail(t.unsupported(
            fmt::format("timer {} doesn't support setting of timer frequency", *name)));
    if (d.mode && d.name != TimerName::kTsc && d.name != TimerName::kKvmclock)
        return fail(
            t.unsupported(fmt::format("timer {} doesn't support setting of timer mode", *name)));
    if (d.track && d.name != TimerName::kRtc)
        return fail(
            t.unsupported(fmt::format("timer {} doesn't support setting of timer track", *name)));
    if (Elem c = t.child("catchup")) {
        TimerCatchup cu;
        NODEVIRT_ASSIGN_OR_RETURN(cu.threshold, c.uintAttr("threshold"));
        NODEVIRT_ASSIGN_OR_RETURN(cu.slew, c.uintAttr("slew"));
        NODEVIRT_ASSIGN_OR_RETURN(cu.limit, c.uintAttr("limit"));
        NODEVIRT_TRY(c.done());
        if (cu.threshold || cu.slew || cu.limit) d.catchup = cu;
    }
    NODEVIRT_TRY(t.done());
    return d;
}

Status parseAdjustment(Elem& e, ClockDef& out, ClockExtra& x) {
    auto adj = e.attr("adjustment");
    if (!adj) return ok();
    if (out.offset == ClockOffset::kUtc || out.offset == ClockOffset::kLocaltime) {
        if (*adj == "reset") {
            x.adjustment_reset = true;
            return ok();
        }
        auto v = str::parseInt64(*adj);
        if (!v) return fail(e.badValue("adjustment", *adj, "an integer or 'reset'"));
        // A fixed adjustment turns utc/localtime into a variable clock with that basis.
        x.basis = out.offset == ClockOffset::kUtc ? ClockBasis::kUtc : ClockBasis::kLocaltime;
        out.offset = ClockOffset::kVariable;
        x.adjustment = *v;
        return ok();
    }
    if (out.offset == ClockOffset::kVariable && *adj != "reset") {
        auto v = str::parseInt64(*adj);
        if (!v) return fail(e.badValue("adjustment", *adj, "an integer"));
        x.adjustment = *v;
    }
    return ok();
}

}  // namespace

Status parseClock(Elem& e, ClockDef& out) {
    NODEVIRT_ASSIGN_OR_RETURN(auto offset, e.enumAttr("offset", kClockOffsets));
    out.offset = offset.value_or(ClockOffset::kUtc);
    ClockExtra x;
    if (out.offset == ClockOffset::kVariable) {
        NODEVIRT_ASSIGN_OR_RETURN(auto basis, e.enumAttr("basis", kClockBases));
        x.basis = basis.value_or(ClockBasis::kUtc);
    }
    NODEVIRT_TRY(parseAdjustment(e, out, x));
    if (out.offset == ClockOffset::kTimezone) {
        auto tz = e.attr("timezone");
        if (!tz)
            return fail(
                internalError("missing 'timezone' attribute for clock with offset='timezone'"));
        x.timezone = std::move(*tz);
    } else if (out.offset == ClockOffset::kAbsolute) {
        NODEVIRT_ASSIGN_OR_RETURN(auto start, e.uintAttr("start"));
        if (!start)
            return fail(
                internalError("missing 'start' attribute for clock with offset='absolute'"));
        x.start = *start;
    }
    NODEVIRT_ASSIGN_OR_RETURN(auto timers, e.children("timer", 64));
    for (Elem& t : timers) {
        NODEVIRT_ASSIGN_OR_RETURN(TimerDef d, parseTimer(t));
        x.timers.push_back(std::move(d));
    }
    if (!(x == ClockExtra{})) out.extra.mut() = std::move(x);
    return e.done();
}

void formatClock(xml::Writer& w, const ClockDef& c) {
    const ClockExtra* x = c.extra.get();
    w.open("clock").attr("offset", kClockOffsets.name(c.offset));
    if (x) {
        switch (c.offset) {
            case ClockOffset::kUtc:
            case ClockOffset::kLocaltime:
                if (x->adjustment_reset) w.attr("adjustment", "reset");
                break;
            case ClockOffset::kVariable:
                w.attr("adjustment", x->adjustment).attr("basis", kClockBases.name(x->basis));
                break;
            case ClockOffset::kTimezone:
                w.attr("timezone", x->timezone);
                break;
            case ClockOffset::kAbsolute:
                w.attr("start", x->start);
                break;
        }
    } else if (c.offset == ClockOffset::kVariable) {
        w.attr("adjustment", "0").attr("basis", "utc");
    }
    if (x) {
        for (const auto& t : x->timers) {
            w.open("timer").attr("name", kTimerNames.name(t.name));
            if (t.present) w.attr("present", *t.present ? "yes" : "no");
            if (t.tickpolicy) w.attr("tickpolicy", kTickPolicies.name(*t.tickpolicy));
            if (t.track) w.attr("track", kTimerTracks.name(*t.track));
            if (t.frequency) w.attr("frequency", *t.frequency);
            if (t.mode) w.attr("mode", kTimerModes.name(*t.mode));
            if (t.catchup) {
                w.open("catchup");
                w.attrIf("threshold", t.catchup->threshold).attrIf("slew", t.catchup->slew);
                w.attrIf("limit", t.catchup->limit).close();
            }
            w.close();
        }
    }
    w.close();
}

}  // namespace nodevirt::conf
