#include "machine/host/serial_backends.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bramble {

namespace {

class NullBackend final : public CharBackend {
 public:
  void write(uint8_t) override {}
};

// Output to stdout (unbuffered, so nothing is lost if the process is killed), input
// from stdin when something is waiting there.
class StdioBackend final : public CharBackend {
 public:
  void write(uint8_t b) override {
    while (::write(STDOUT_FILENO, &b, 1) < 0 && errno == EINTR) {}
  }
  std::optional<uint8_t> read() override {
    if (eof_) return std::nullopt;
    pollfd p{STDIN_FILENO, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP))) return std::nullopt;
    uint8_t b;
    const ssize_t n = ::read(STDIN_FILENO, &b, 1);
    if (n == 1) return b;
    if (n == 0) eof_ = true;
    return std::nullopt;
  }

 private:
  bool eof_ = false;
};

class StderrBackend final : public CharBackend {
 public:
  void write(uint8_t b) override {
    while (::write(STDERR_FILENO, &b, 1) < 0 && errno == EINTR) {}
  }
};

class FileBackend final : public CharBackend {
 public:
  explicit FileBackend(int fd) : fd_(fd) {}
  ~FileBackend() override { ::close(fd_); }
  void write(uint8_t b) override {
    while (::write(fd_, &b, 1) < 0 && errno == EINTR) {}
  }

 private:
  int fd_;
};

}  // namespace

std::unique_ptr<CharBackend> make_stderr_backend() { return std::make_unique<StderrBackend>(); }

std::unique_ptr<CharBackend> open_serial_backend(const std::string& spec, std::string* error) {
  if (spec == "null") return std::make_unique<NullBackend>();
  if (spec == "stdio") return std::make_unique<StdioBackend>();
  if (spec.rfind("file:", 0) == 0) {
    const std::string path = spec.substr(5);
    if (path.empty()) {
      *error = "file: needs a path, e.g. file:serial.log";
      return nullptr;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      *error = "cannot open '" + path + "' for writing: " + std::strerror(errno);
      return nullptr;
    }
    return std::make_unique<FileBackend>(fd);
  }
  *error = "'" + spec + "' is not a serial backend; use stdio, null or file:PATH";
  return nullptr;
}

}  // namespace bramble
