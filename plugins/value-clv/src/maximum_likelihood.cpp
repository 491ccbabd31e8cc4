#include "maximum_likelihood.hpp"

#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <nlopt.hpp>

#include "moshtari/error.hpp"

namespace moshtari::value {

namespace {

const double kLowest = std::log(1e-8);
const double kHighest = std::log(1e8);

struct Problem {
    const LogLikelihood& log_likelihood;
    std::vector<double> parameters;
    std::vector<double> gradient;
    int evaluations = 0;
    std::exception_ptr error{};  // NLopt would turn an exception into a bare "failure"
};

// NLopt minimises over u = log(parameters): -LL(exp(u)), whose gradient is -LL'(theta) * theta.
double negative_log_likelihood(const std::vector<double>& u, std::vector<double>& grad,
                               void* data) {
    auto& problem = *static_cast<Problem*>(data);
    ++problem.evaluations;
    try {
        for (std::size_t i = 0; i < u.size(); ++i) problem.parameters[i] = std::exp(u[i]);
        const double ll = problem.log_likelihood(problem.parameters, problem.gradient);
        if (!std::isfinite(ll)) {
            // A huge value with no slope makes L-BFGS step back instead of stopping for good.
            std::fill(grad.begin(), grad.end(), 0.0);
            return 1e300;
        }
        for (std::size_t i = 0; i < grad.size(); ++i) {
            grad[i] = -problem.gradient[i] * problem.parameters[i];
        }
        return -ll;
    } catch (...) {
        problem.error = std::current_exception();
        throw nlopt::forced_stop();
    }
}

}  // namespace

MaximumLikelihood maximise_likelihood(const LogLikelihood& log_likelihood,
                                      const std::vector<double>& start, const std::string& model) {
    const std::size_t n = start.size();
    Problem problem{log_likelihood, start, std::vector<double>(n)};
    std::vector<double> u(n);
    for (std::size_t i = 0; i < n; ++i) u[i] = std::log(start[i]);
    std::vector<double> no_gradient;
    if (negative_log_likelihood(u, no_gradient, &problem) >= 1e300) {
        throw UserError(
            fmt::format("the {} likelihood is not finite at the starting point", model));
    }

    nlopt::opt optimiser(nlopt::LD_LBFGS, static_cast<unsigned>(n));
    optimiser.set_lower_bounds(std::vector<double>(n, kLowest));
    optimiser.set_upper_bounds(std::vector<double>(n, kHighest));
    optimiser.set_min_objective(negative_log_likelihood, &problem);
    optimiser.set_ftol_rel(1e-13);
    optimiser.set_xtol_rel(1e-10);
    optimiser.set_maxeval(5000);
    MaximumLikelihood result;
    double minimum = 0;
    try {
        if (optimiser.optimize(u, minimum) == nlopt::MAXEVAL_REACHED) {
            result.stopped = "it took more than 5000 evaluations";
        }
    } catch (const nlopt::roundoff_limited&) {
        // Rounding hides further progress: u holds the best point found, which is the optimum to
        // the precision the likelihood has.
    } catch (const std::runtime_error& e) {
        if (problem.error) std::rethrow_exception(problem.error);
        // L-BFGS's line search found no better point: u holds the best one found.
        result.stopped = fmt::format("NLopt stopped: {}", e.what());
    } catch (const std::exception& e) {
        if (problem.error) std::rethrow_exception(problem.error);
        throw UserError(fmt::format("the {} fit failed in NLopt: {}", model, e.what()));
    }
    for (double value : u) {
        if (result.stopped.empty() && (value <= kLowest + 1e-6 || value >= kHighest - 1e-6)) {
            result.stopped = "a parameter reached the bound 1e-8 or 1e8";
        }
    }
    result.evaluations = problem.evaluations;
    result.parameters.resize(n);
    for (std::size_t i = 0; i < n; ++i) result.parameters[i] = std::exp(u[i]);
    result.log_likelihood = log_likelihood(result.parameters, problem.gradient);
    if (!std::isfinite(result.log_likelihood)) {
        throw UserError(fmt::format("the {} fit ended where the likelihood is not finite", model));
    }
    return result;
}

}  // namespace moshtari::value
