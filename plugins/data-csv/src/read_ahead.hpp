#pragma once
// Prepares the items of an import (read, mapped, normalised rows) on a second thread while the
// caller matches and writes the ones before, in the file's order. Parsing phones with
// libphonenumber costs as much as writing the row, so the two halves overlap on two cores. At
// most kQueued chunks wait, so memory stays bounded whatever the file's size.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace moshtari::data_csv {

template <class Item>
class ReadAhead {
  public:
    // `produce` fills the next item and returns false at the end of the input; it runs on the
    // second thread and must touch nothing the caller uses meanwhile.
    explicit ReadAhead(std::function<bool(Item&)> produce)
        : produce_(std::move(produce)), worker_([this] { work(); }) {}

    // Stops the second thread even when the caller gives up half-way (an exception).
    ~ReadAhead() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        worker_.join();
    }

    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // The next item in order; false at the end. What `produce` threw is thrown here, after the
    // items produced before it, as a single thread would have.
    bool next(Item& item) {
        if (position_ == current_.size()) {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return !ready_.empty() || finished_; });
            if (ready_.empty()) {
                if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
                return false;
            }
            current_ = std::move(ready_.front());
            ready_.pop_front();
            position_ = 0;
            lock.unlock();
            changed_.notify_all();
        }
        item = std::move(current_[position_++]);
        return true;
    }

  private:
    static constexpr std::size_t kChunk = 1024;
    static constexpr std::size_t kQueued = 4;

    void work() {
        bool more = true;
        std::exception_ptr error;
        while (more) {
            std::vector<Item> chunk(kChunk);
            std::size_t filled = 0;
            try {
                while (filled < kChunk && (more = produce_(chunk[filled]))) ++filled;
            } catch (...) {
                error = std::current_exception();
                more = false;
            }
            chunk.resize(filled);
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return ready_.size() < kQueued || stopping_; });
            if (stopping_) return;
            if (!chunk.empty()) ready_.push_back(std::move(chunk));
            if (!more) {
                finished_ = true;
                error_ = error;
            }
            lock.unlock();
            changed_.notify_all();
        }
    }

    std::function<bool(Item&)> produce_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::vector<Item>> ready_;
    bool finished_ = false;
    bool stopping_ = false;
    std::exception_ptr error_;
    // The caller's chunk, read without the lock.
    std::vector<Item> current_;
    std::size_t position_ = 0;
    // Last: it starts in the constructor, once every member above is ready.
    std::thread worker_;
};

}  // namespace moshtari::data_csv
