// The one virtual clock and the events scheduled on it. Devices never sleep or start
// threads: they ask to be called back at a virtual time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>

namespace bramble {

class Scheduler {
 public:
  using EventId = uint64_t;

  uint64_t now_ns() const { return now_; }

  EventId schedule_at(uint64_t when_ns, std::function<void()> fn) {
    const EventId id = next_id_++;
    events_.emplace(Key{when_ns, id}, std::move(fn));
    return id;
  }
  void cancel(EventId id) {
    for (auto it = events_.begin(); it != events_.end(); ++it)
      if (it->first.id == id) { events_.erase(it); return; }
  }
  // The time of the earliest pending event, or UINT64_MAX.
  uint64_t next_deadline() const { return events_.empty() ? UINT64_MAX : events_.begin()->first.when; }

  // Moves the clock forward (never back) and runs every event that has come due, in
  // order of time and then of scheduling.
  void advance_to(uint64_t t) {
    if (t > now_) now_ = t;
    while (!events_.empty() && events_.begin()->first.when <= now_) {
      auto node = events_.extract(events_.begin());
      node.mapped()();
    }
  }

 private:
  struct Key {
    uint64_t when;
    EventId id;
    bool operator<(const Key& o) const { return when != o.when ? when < o.when : id < o.id; }
  };
  uint64_t now_ = 0;
  EventId next_id_ = 1;
  std::map<Key, std::function<void()>> events_;
};

}  // namespace bramble
