#include "silhouette.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moshtari::clustering {

std::vector<double> mean_silhouettes(const arma::mat& data, const std::vector<std::size_t>& sample,
                                     const std::vector<std::vector<std::uint32_t>>& labellings,
                                     const std::vector<std::size_t>& clusters) {
    const std::size_t s = sample.size(), d = data.n_rows, count = labellings.size();
    // The sampled columns side by side, and each labelling's clusters for them.
    arma::mat points(d, s);
    std::vector<std::vector<std::uint32_t>> labels(count, std::vector<std::uint32_t>(s));
    std::vector<std::vector<std::size_t>> sizes(count);
    for (std::size_t l = 0; l < count; ++l) sizes[l].assign(clusters[l], 0);
    for (std::size_t i = 0; i < s; ++i) {
        points.col(i) = data.col(sample[i]);
        for (std::size_t l = 0; l < count; ++l) {
            labels[l][i] = labellings[l][sample[i]];
            ++sizes[l][labels[l][i]];
        }
    }
    std::vector<std::vector<double>> silhouette(count, std::vector<double>(s, 0.0));
    const std::ptrdiff_t rows = static_cast<std::ptrdiff_t>(s);
#pragma omp parallel
    {
        std::vector<double> distance(s);
        std::vector<double> total;
#pragma omp for schedule(dynamic, 64)
        for (std::ptrdiff_t signed_i = 0; signed_i < rows; ++signed_i) {
            const auto i = static_cast<std::size_t>(signed_i);
            const double* x = points.colptr(i);
            for (std::size_t j = 0; j < s; ++j) {
                const double* y = points.colptr(j);
                double sum = 0;
                for (std::size_t f = 0; f < d; ++f) sum += (x[f] - y[f]) * (x[f] - y[f]);
                distance[j] = std::sqrt(sum);
            }
            for (std::size_t l = 0; l < count; ++l) {
                total.assign(clusters[l], 0.0);
                const auto& label = labels[l];
                for (std::size_t j = 0; j < s; ++j) total[label[j]] += distance[j];
                const std::uint32_t own = label[i];
                if (sizes[l][own] < 2) continue;
                const double a = total[own] / static_cast<double>(sizes[l][own] - 1);
                double b = std::numeric_limits<double>::infinity();
                for (std::size_t c = 0; c < clusters[l]; ++c) {
                    if (c != own && sizes[l][c] > 0)
                        b = std::min(b, total[c] / static_cast<double>(sizes[l][c]));
                }
                if (std::isfinite(b) && std::max(a, b) > 0)
                    silhouette[l][i] = (b - a) / std::max(a, b);
            }
        }
    }
    std::vector<double> means(count, 0.0);
    for (std::size_t l = 0; l < count; ++l) {
        for (double value : silhouette[l]) means[l] += value;
        if (s > 0) means[l] /= static_cast<double>(s);
    }
    return means;
}

}  // namespace moshtari::clustering
