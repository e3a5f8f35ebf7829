#include "model/results/SampleSpool.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace eventbench::model {

namespace {
// An unnamed file in $TMPDIR (else /tmp): made, then unlinked at once, so that it goes away
// with the process whatever happens. Null when neither can hold one.
std::FILE *unnamedFile() {
    const char *dir = std::getenv("TMPDIR");
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/eventbench-samples-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0)
        return std::tmpfile();
    ::unlink(path.c_str());
    std::FILE *file = ::fdopen(fd, "w+b");
    if (!file)
        ::close(fd);
    return file;
}
} // namespace

SampleSpool::SampleSpool(std::size_t seriesCount, std::size_t chunkBytes, std::size_t expectedRows)
    : m_series(seriesCount),
      m_rows(std::max<std::size_t>(
          1, std::min(expectedRows, chunkBytes / (std::max<std::size_t>(1, seriesCount) * 8)))),
      m_open(m_series * m_rows), m_file(m_series > 0 ? unnamedFile() : nullptr) {}

SampleSpool::~SampleSpool() {
    if (m_file)
        std::fclose(m_file);
}

void SampleSpool::append(const double *row) {
    const std::size_t k = m_samples % m_rows;
    for (std::size_t s = 0; s < m_series; ++s)
        m_open[s * m_rows + k] = row[s];
    ++m_samples;
    if (m_samples % m_rows == 0)
        flush();
}

void SampleSpool::flush() {
    if (m_file) {
        const std::size_t chunk = m_samples / m_rows - 1;
        const auto bytes = m_open.size() * sizeof(double);
        const auto at = static_cast<off_t>(chunk * bytes);
        std::size_t done = 0;
        const auto *data = reinterpret_cast<const char *>(m_open.data());
        while (done < bytes) {
            const ssize_t n =
                ::pwrite(fileno(m_file), data + done, bytes - done, at + static_cast<off_t>(done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            done += static_cast<std::size_t>(n);
        }
        if (done == bytes)
            return;
        // The disk is full or gone: keep what was written readable from memory from now on.
        std::vector<std::vector<double>> chunks(chunk);
        for (std::size_t c = 0; c < chunk; ++c) {
            chunks[c].resize(m_open.size());
            readChunk(c, 0, m_series, chunks[c].data());
        }
        std::fclose(m_file);
        m_file = nullptr;
        m_inMemory = std::move(chunks);
    }
    m_inMemory.push_back(m_open);
}

void SampleSpool::readChunk(std::size_t chunk, std::size_t first, std::size_t count,
                            double *to) const {
    if (chunk == m_samples / m_rows) { // the chunk being filled
        std::memcpy(to, m_open.data() + first * m_rows, count * m_rows * sizeof(double));
        return;
    }
    if (!m_file) {
        std::memcpy(to, m_inMemory[chunk].data() + first * m_rows, count * m_rows * sizeof(double));
        return;
    }
    const std::size_t bytes = count * m_rows * sizeof(double);
    const auto at = static_cast<off_t>((chunk * m_series + first) * m_rows * sizeof(double));
    std::size_t done = 0;
    auto *data = reinterpret_cast<char *>(to);
    while (done < bytes) {
        const ssize_t n =
            ::pread(fileno(m_file), data + done, bytes - done, at + static_cast<off_t>(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw std::runtime_error("cannot read back the run's samples");
        done += static_cast<std::size_t>(n);
    }
}

void SampleSpool::read(std::size_t first, std::size_t count, std::size_t from, std::size_t to,
                       std::vector<std::vector<double>> &out) const {
    first = std::min(first, m_series);
    count = std::min(count, m_series - first);
    to = std::min(to, m_samples);
    from = std::min(from, to);
    out.resize(count);
    for (auto &v : out)
        v.resize(to - from);
    if (from == to || count == 0)
        return;
    // readChunk fills it whole: no need to clear a megabyte or two first.
    const std::unique_ptr<double[]> block(new double[count * m_rows]);
    for (std::size_t chunk = from / m_rows; chunk * m_rows < to; ++chunk) {
        readChunk(chunk, first, count, block.get());
        const std::size_t lo = std::max(from, chunk * m_rows),
                          hi = std::min(to, (chunk + 1) * m_rows);
        for (std::size_t s = 0; s < count; ++s) {
            const double *src = block.get() + s * m_rows + (lo - chunk * m_rows);
            std::copy(src, src + (hi - lo),
                      out[s].begin() + static_cast<std::ptrdiff_t>(lo - from));
        }
    }
}

std::vector<double> SampleSpool::series(std::size_t index) const {
    std::vector<std::vector<double>> out;
    read(index, 1, 0, m_samples, out);
    return out.empty() ? std::vector<double>{} : std::move(out.front());
}

std::size_t SampleSpool::seriesPerBlock(std::size_t bytes) const {
    return std::max<std::size_t>(1, bytes / (std::max<std::size_t>(1, m_samples) * sizeof(double)));
}

std::size_t SampleSpool::memoryBytes() const {
    return (m_open.size() + m_inMemory.size() * m_open.size()) * sizeof(double);
}

} // namespace eventbench::model
