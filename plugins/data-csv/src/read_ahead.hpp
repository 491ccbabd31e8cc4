#pragma once
// Prepares the items of an import (read, mapped, normalised rows) on other threads while the
// caller matches and writes the ones before, in the file's order. Parsing phones with
// libphonenumber costs more than writing the row, so two threads prepare chunks of rows side by
// side while the caller writes. At most kQueued chunks are read and not yet handed over, so
// memory stays bounded whatever the file's size.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace moshtari::data_csv {

template <class Item>
class ReadAhead {
  public:
    // `read` fills the next item from the input and returns false at its end; calls to it are
    // serialised, in input order. `prepare` then finishes the item on one of `workers` threads.
    // Neither may touch what the caller uses meanwhile.
    ReadAhead(std::function<bool(Item&)> read, std::function<void(Item&)> prepare, int workers)
        : read_(std::move(read)), prepare_(std::move(prepare)) {
        for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
    }

    // Stops the threads even when the caller gives up half-way (an exception).
    ~ReadAhead() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        for (auto& worker : workers_) worker.join();
    }

    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // The next item in input order; false at the end. What `read` or `prepare` threw is thrown
    // here, after the items before it, as a single thread would have.
    bool next(Item& item) {
        while (position_ == current_.items.size()) {
            if (current_.last) {
                if (current_.error) std::rethrow_exception(std::exchange(current_.error, nullptr));
                return false;
            }
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return done_.contains(next_chunk_); });
            current_ = std::move(done_.extract(next_chunk_++).mapped());
            lock.unlock();
            changed_.notify_all();
            position_ = 0;
        }
        item = std::move(current_.items[position_++]);
        return true;
    }

  private:
    static constexpr std::size_t kChunk = 1024;
    static constexpr std::size_t kQueued = 6;

    struct Chunk {
        std::vector<Item> items;
        bool last = false;  // the input ends (or failed) with this chunk
        std::exception_ptr error;
    };

    void work() {
        while (true) {
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] {
                    return stopping_ || input_ended_ || done_.size() + in_flight_ < kQueued;
                });
                if (stopping_ || input_ended_) return;
                ++in_flight_;
            }
            Chunk chunk;
            std::size_t number = 0;
            {
                std::lock_guard input(input_mutex_);
                number = chunks_read_++;
                read_chunk(chunk);
            }
            prepare_chunk(chunk);
            {
                std::lock_guard lock(mutex_);
                --in_flight_;
                input_ended_ = input_ended_ || chunk.last;
                done_.emplace(number, std::move(chunk));
            }
            changed_.notify_all();
        }
    }

    // Under input_mutex_.
    void read_chunk(Chunk& chunk) {
        if (read_all_) {
            chunk.last = true;  // a thread that set out before it heard of the end
            return;
        }
        chunk.items.resize(kChunk);
        std::size_t filled = 0;
        try {
            while (filled < kChunk && read_(chunk.items[filled])) ++filled;
        } catch (...) {
            chunk.error = std::current_exception();
        }
        chunk.last = filled < kChunk;
        read_all_ = chunk.last;
        chunk.items.resize(filled);
    }

    void prepare_chunk(Chunk& chunk) {
        for (std::size_t i = 0; i < chunk.items.size(); ++i) {
            try {
                prepare_(chunk.items[i]);
            } catch (...) {
                // The items after it are never handed over, as if the input had ended here.
                chunk.items.resize(i);
                chunk.error = std::current_exception();
                chunk.last = true;
                return;
            }
        }
    }

    std::function<bool(Item&)> read_;
    std::function<void(Item&)> prepare_;

    std::mutex input_mutex_;  // serialises read_ and guards the two below
    std::size_t chunks_read_ = 0;
    bool read_all_ = false;

    std::mutex mutex_;  // guards the members up to current_
    std::condition_variable changed_;
    std::map<std::size_t, Chunk> done_;  // prepared chunks by their number
    std::size_t in_flight_ = 0;
    bool input_ended_ = false;
    bool stopping_ = false;
    std::size_t next_chunk_ = 0;

    // The caller's chunk, read without the lock.
    Chunk current_;
    std::size_t position_ = 0;
    // Last: they start in the constructor, once every member above is ready.
    std::vector<std::thread> workers_;
};

}  // namespace moshtari::data_csv
