#pragma once
// The sampled time series of a run as they come, kept in an unnamed temporary file with only
// the chunk being filled in memory, so that a run's memory does not grow with its duration or
// its number of samples (BENCHMARKS.md, growth). Rows (one value per series) go in; series,
// row ranges or blocks of both come back, byte for byte. Falls back to memory when no
// temporary file can be made. Reads are thread-safe (pread) once appending is done.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace eventbench::model {

/// A run's sampled values, one row per sample instant and one column per series.
class SampleSpool {
  public:
    /// The memory kept for the rows not yet written, unless a row alone is larger.
    static constexpr std::size_t kChunkBytes = std::size_t{2} << 20;

    /// `chunkBytes`: the memory kept for the rows not yet written (at least one row), and no
    /// more than `expectedRows` take (a hint: more rows are still taken, a chunk at a time).
    explicit SampleSpool(std::size_t seriesCount, std::size_t chunkBytes = kChunkBytes,
                         std::size_t expectedRows = SIZE_MAX);
    ~SampleSpool();
    SampleSpool(const SampleSpool &) = delete;
    SampleSpool &operator=(const SampleSpool &) = delete;

    /// Adds one sample: `row` holds one value per series, in series order.
    void append(const double *row);
    std::size_t seriesCount() const { return m_series; }
    std::size_t sampleCount() const { return m_samples; }
    /// Values of the series [first, first + count) for the samples [from, to):
    /// out[s - first][k - from]. Ranges past the end are cut.
    void read(std::size_t first, std::size_t count, std::size_t from, std::size_t to,
              std::vector<std::vector<double>> &out) const;
    /// Every value of one series.
    std::vector<double> series(std::size_t index) const;
    /// How many series at a time fit in `bytes` when each is read whole (at least one).
    std::size_t seriesPerBlock(std::size_t bytes) const;
    /// Bytes held in memory (the chunk being filled, or every chunk without a file).
    std::size_t memoryBytes() const;

  private:
    // One chunk holds m_rows samples, stored series after series (m_rows values each), so
    // that a range of series within a chunk is one contiguous read.
    void flush();
    void readChunk(std::size_t chunk, std::size_t first, std::size_t count, double *to) const;

    std::size_t m_series;
    std::size_t m_rows;
    std::size_t m_samples = 0;
    std::vector<double> m_open; // the chunk being filled, [series][row]
    std::FILE *m_file = nullptr;
    std::vector<std::vector<double>> m_inMemory; // full chunks when there is no file
};

} // namespace eventbench::model
