"""Quiz ``glm``: fourteen questions that close chapter two, generalized linear models.

Prompts are Markdown (rendered into the page at build time); choices, explanations and the
``why`` of each choice are plain text, because the page writes them with ``textContent`` once
the quiz is scored. The questions ask the learner to reason with the chapter's models, not to
recall its sentences.
"""

from __future__ import annotations

from grader.quiz import Choice, Question, Quiz

SLOPE_SE = Question(
    id="slope-standard-error",
    kind="number",
    prompt=(
        "The cost fit on 150 sessions gives the slope a standard error of **0.146** cents per "
        "thousand tokens. Next quarter you can log **600** sessions from the same process, with "
        "response lengths spread over the same range. About what standard error do you expect "
        "for the slope then? Give three decimals."
    ),
    answer=0.073,
    tolerance=0.003,
    unit="cents per thousand tokens",
    slips=(
        (0.0365, "That divides by 4, as if the standard error shrank like 1/n. It shrinks like "
                 "1/√n: four times the data halves it."),
        (0.146, "More sessions from the same process do tighten the estimate: the standard "
                "error shrinks like 1/√n."),
        (0.292, "The standard error shrinks with more data, it does not grow."),
    ),
    explanation=(
        "The slope's standard error is σ / √(Σ(x − x̄)²). With the same noise σ and "
        "lengths spread over the same range, Σ(x − x̄)² grows in proportion to the number of "
        "sessions, so the standard error falls like 1/√n: four times as many sessions give "
        "half the standard error, 0.146 / 2 = 0.073. Halving the uncertainty costs four times "
        "the data, which is worth knowing before promising a tighter estimate."
    ),
)

DRIFT_INTERVAL = Question(
    id="drift-interval",
    kind="multiple",
    prompt=(
        "A second service's weekly P99 latency over 26 weeks gives a fitted slope of "
        "**1.1 ms/week** with a standard error of **0.62**. The 97.5% point of Student's t with "
        "24 degrees of freedom is 2.064. Select every true statement."
    ),
    choices=(
        Choice("contains-zero", "The 95% confidence interval, about −0.18 to 2.38 ms/week, "
               "contains 0, so these 26 weeks do not establish a drift", correct=True,
               why="1.1 ± 2.064 × 0.62 runs from about −0.18 to 2.38; a flat trend is among "
                   "the values the data allow."),
        Choice("two-consistent", "A real drift of 2 ms/week, 26 ms a quarter, is also "
               "consistent with these data", correct=True,
               why="2 lies inside the interval. Not detecting a drift is not the same as "
                   "showing that there is none."),
        Choice("streaks-wider", "If bad weeks tend to come in runs, the honest interval is "
               "wider than this one", correct=True,
               why="The formula assumes independent weekly errors; positively correlated "
                   "errors carry less information than 26 independent ones, so the standard "
                   "error is too small."),
        Choice("no-drift", "Because the interval contains 0, the latency is not drifting",
               why="The test failed to find a drift at this noise level and length; the "
                   "interval reaches up to 2.38 ms/week."),
        Choice("sqrt-two", "Watching for 52 weeks instead of 26 would shrink the standard error "
               "by about √2",
               why="Doubling the weeks also doubles their spread: Σ(week − mean)² grows "
                   "from 1462.5 to 11713, about eight times, so the standard error shrinks by "
                   "about √8 ≈ 2.8, not √2."),
    ),
    explanation=(
        "A trend test asks whether the slope is large compared with its standard error. Here "
        "t = 1.1 / 0.62 ≈ 1.8, below 2.064, and the 95% interval 1.1 ± 1.28 straddles 0: the "
        "data neither establish a drift nor rule out a sizeable one. Time helps twice over, "
        "since more weeks are more points and a wider spread of x, so the standard error falls "
        "faster than 1/√n. The interval is only as good as the independence assumption behind "
        "it."
    ),
)

RETRY_FAMILY = Question(
    id="retry-family",
    kind="single",
    prompt=(
        "MangaAssist logs how many times each session had to **retry** a tool call: 0, 1, 2, "
        "and now and then 7. You want to relate that count to the session's features. Which "
        "family and link fit the target best?"
    ),
    choices=(
        Choice("poisson-log", "Poisson family with the log link: the expected count is "
               "μ = exp(xᵀβ), positive for every x", correct=True,
               why="Counts are non-negative integers whose spread grows with their mean, which "
                   "is the Poisson family; the log link keeps the predicted mean positive."),
        Choice("gaussian-identity", "Gaussian family with the identity link, since the count "
               "is a number like any other",
               why="A straight line in x can predict a negative number of retries, and it "
                   "assumes the same spread for a session averaging 0.1 retries as for one "
                   "averaging 5."),
        Choice("bernoulli-logit", "Bernoulli family with the logit link, because most sessions "
               "have no retry at all",
               why="That models only whether a retry happened (yes or no) and throws away how "
                   "many there were."),
        Choice("categorical-softmax", "Categorical family with a softmax link over the classes "
               "0, 1, 2, ..., 7",
               why="That treats the counts as unordered labels: it ignores that 3 lies between 2 "
                   "and 4, needs a weight vector per count, and cannot predict 8."),
    ),
    explanation=(
        "Choose the family from the kind of target and the link from the range its mean must "
        "stay in. A count is a non-negative integer, and its variance grows with its mean: the "
        "Poisson family, whose variance equals its mean. The log link maps the positive mean "
        "onto the whole real line, so xᵀβ can be anything and exp(xᵀβ) is "
        "still a valid rate. Each unit of a feature then multiplies the expected count by "
        "exp(β)."
    ),
)

GLM_TEMPLATE = Question(
    id="glm-template",
    kind="multiple",
    prompt=(
        "Every model of the chapter has the form \\( g(\\mu) = \\boldsymbol\\beta^\\top "
        "\\mathbf{x} \\), where \\( \\mu \\) is the mean of \\( y \\) for the features "
        "\\( \\mathbf{x} \\) and \\( g \\) is the link. Select every true statement."
    ),
    choices=(
        Choice("ols-is-glm", "Linear regression is the case with a Gaussian family and the "
               "identity link", correct=True,
               why="With g(μ) = μ the template reads E[y|x] = xᵀβ, which is "
                   "chapter one's model."),
        Choice("logit-linear", "In logistic regression the log-odds log(p / (1 − p)) are "
               "linear in the features, even though p itself is not", correct=True,
               why="The logit is the link: it is the log-odds that equal xᵀβ, and the "
                   "sigmoid maps them back to a probability."),
        Choice("head-is-glm", "The softmax head of a fine-tuned transformer classifier is "
               "multinomial logistic regression on the features the encoder learned",
               correct=True,
               why="logits = h W + b followed by softmax is exactly that model, with the [CLS] "
                   "vector h in place of hand-made features."),
        Choice("link-on-y", "The link is applied to each observed y, so a Poisson model "
               "computes log(y) and fails on counts of 0",
               why="The link acts on the mean E[y|x], never on an observed y; a count of 0 is "
                   "perfectly fine for a Poisson model."),
        Choice("straight-in-y", "Every GLM predicts a straight line on the scale of y, the "
               "only difference is the loss",
               why="Only the link scale is linear: a logistic model's probabilities follow an "
                   "S-curve in x, and a Poisson model's means an exponential."),
    ),
    explanation=(
        "A GLM has three parts: a linear predictor xᵀβ, a family for the noise "
        "(Gaussian, Bernoulli, Poisson, categorical), and a link that ties the mean of y to the "
        "linear predictor. The linearity lives on the link scale, which is why a probability "
        "can follow an S-curve while its log-odds follow a straight line. A classifier head is "
        "the categorical row of the table applied to learned features, so everything learned "
        "about multinomial logistic regression carries over to it."
    ),
)

SIGMOID_SNIPPET = Question(
    id="sigmoid-overflow",
    kind="output",
    prompt=(
        "Two ways to write the sigmoid, with NumPy's overflow warnings silenced. Without "
        "running it, what does the snippet print? (`np.isnan` marks NaN entries with `True`.)"
    ),
    code="""\
import numpy as np

z = np.array([-1000.0, -30.0, 0.0, 1000.0])
with np.errstate(all="ignore"):
    textbook = 1 / (1 + np.exp(-z))
    rewritten = np.exp(z) / (1 + np.exp(z))
print(textbook[[0, 2, 3]])
print(np.isnan(rewritten))
""",
    output="[0.  0.5 1. ]\n[False False False  True]\n",
    explanation=(
        "np.exp(1000) is inf. In the textbook form that happens at z = −1000, where "
        "1 / (1 + inf) = 0, the right limit reached by luck: the overflow still happened, and "
        "between about −745 and −710 the same shortcut turns tiny true values into 0. "
        "In the rewritten form it happens at z = +1000, where inf / (1 + inf) = inf / inf is "
        "NaN, and that NaN would poison every sum it enters. The stable sigmoid only ever "
        "exponentiates −|z|: e / (1 + e) for negative z and 1 / (1 + e) otherwise."
    ),
)

CLIPPED_LOSS = Question(
    id="clipped-log-loss",
    kind="number",
    prompt=(
        "An escalated conversation (\\( y = 1 \\)) gets the logit \\( \\eta = -40 \\) from a "
        "badly wrong model. One library computes the log-loss from \\( p = \\sigma(\\eta) \\) "
        "clipped into \\( [10^{-7}, 1 - 10^{-7}] \\); another computes it from the logit, as "
        "\\( \\log(1 + e^{-\\eta}) \\). By how many nats does the clipped version "
        "**under-count** this row's loss? Give two decimals (natural logarithm)."
    ),
    answer=23.88,
    tolerance=0.02,
    unit="nats",
    slips=(
        (16.12, "16.12 is the clipped loss itself, −ln(1e−7). The question asks how much "
                "less it is than the loss computed from the logit."),
        (40.0, "40 is the row's loss computed from the logit, log(1 + e^40). Clipping charges "
               "only −ln(1e−7) of it."),
        (0.0, "The clipped loss is capped at −ln(1e−7) ≈ 16.12, which is far below the loss "
              "from the logit, so the two differ."),
    ),
    explanation=(
        "From the logit the row costs log(1 + e^40) ≈ 40.00 nats: for a confident wrong answer "
        "the loss grows like |η|. σ(−40) ≈ 4e−18 lies below the clipping floor, so the clipped "
        "version charges −ln(1e−7) = 7 ln 10 ≈ 16.12 nats and no more, whatever the logit: it "
        "under-counts by about 23.88. Clipping keeps the loss finite, but it hides how wrong a "
        "saturated model is; the loss from the logits is both finite and exact."
    ),
)

POISSON_RATE = Question(
    id="poisson-rate",
    kind="number",
    prompt=(
        "A retry model like the one fitted on the logistic-regression page reads "
        "\\( \\log \\mathbb{E}[\\text{retries}] = -1.0 + 0.22\\, x_{\\text{context}} + "
        "0.88\\, x_{\\text{timeout}} \\), with the context in thousands of tokens. For a "
        "conversation with 5,000 tokens of context, how many retries does the model expect "
        "**if a tool call timed out**? Give two decimals."
    ),
    answer=2.66,
    tolerance=0.02,
    unit="retries",
    slips=(
        (1.11, "1.11 is the expectation without a timeout, exp(−1.0 + 0.22 × 5). The "
               "timeout adds 0.88 to the log of the mean."),
        (1.99, "That adds 0.88 to the expected count. On the log link the coefficient is "
               "added to log μ, so it multiplies μ by exp(0.88) ≈ 2.41."),
        (2.41, "2.41 is the rate ratio exp(0.88), the factor a timeout multiplies the "
               "expectation by; apply it to the expectation without a timeout."),
    ),
    explanation=(
        "With the log link the linear predictor is the log of the expected count: "
        "−1.0 + 0.22 × 5 + 0.88 = 0.98, so μ = exp(0.98) ≈ 2.66 retries. Read it as "
        "rate ratios: without a timeout μ = exp(0.10) ≈ 1.11, and a timeout multiplies that "
        "by exp(0.88) ≈ 2.41. Effects multiply on the count scale, which also keeps every "
        "prediction positive."
    ),
)

SOFTMAX_SNIPPET = Question(
    id="softmax-shift",
    kind="output",
    prompt=(
        "A three-intent head produces these logits for three messages. Without running it, "
        "what does the snippet print? (\\( e^{-1} \\approx 0.368 \\), "
        "\\( e^{-2} \\approx 0.135 \\).)"
    ),
    code="""\
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


logits = np.array([[2.0, 1.0, 0.0],
                   [1002.0, 1001.0, 1000.0],
                   [5.0, 5.0, 5.0]])
print(np.round(softmax(logits), 2))
""",
    output="[[0.67 0.24 0.09]\n [0.67 0.24 0.09]\n [0.33 0.33 0.33]]\n",
    explanation=(
        "Subtracting each row's maximum turns the first two rows into the same shifted logits, "
        "[0, −1, −2], and adding a constant to every logit of a row never changes its "
        "softmax: e^0, e^−1, e^−2 are 1, 0.368 and 0.135, which divided by their sum "
        "1.503 give 0.67, 0.24 and 0.09. Equal logits give equal probabilities, a third each. "
        "Without the shift the second row would compute exp(1002) = inf and return NaN."
    ),
)

RIDGE_LASSO = Question(
    id="ridge-lasso",
    kind="multiple",
    prompt=(
        "You fit a CSAT model on 50 surveyed sessions with 20 standardized signals, once with "
        "ridge and once with lasso, and choose each penalty on held-out sessions. Select every "
        "true statement."
    ),
    choices=(
        Choice("lasso-zeros", "Lasso can set coefficients to exactly zero, so it also selects "
               "features; ridge shrinks them towards zero but almost never to it",
               correct=True,
               why="The corner of |w| at zero lets the L1 price win outright for weak signals; "
                   "the smooth w² price only scales coefficients down."),
        Choice("ridge-invertible", "Adding λI to XᵀX makes the ridge system solvable "
               "even when two signals are exact copies of each other", correct=True,
               why="λ > 0 lifts every eigenvalue of XᵀX by λ, so the matrix is no "
                   "longer singular."),
        Choice("train-choice", "The best λ is the one with the lowest training MSE",
               why="Training MSE always prefers λ = 0, which fits the noise best. Choose "
                   "λ on held-out data or by cross-validation."),
        Choice("penalise-intercept", "The intercept should be penalised like the other "
               "coefficients, so that the model stays small",
               why="Shrinking the intercept pulls every prediction towards 0 and makes the fit "
                   "depend on where y happens to be measured from; it is left free."),
        Choice("scale-free", "Standardizing the signals first makes no difference to which "
               "coefficients the penalty shrinks",
               why="The penalty charges a coefficient by its size, and a coefficient's size "
                   "depends on its signal's units. A signal recorded in small units (milliseconds "
                   "rather than seconds) has large values and so a small coefficient, which the "
                   "penalty barely touches; a signal in large units needs a large coefficient "
                   "and is shrunk hard. Standardizing puts them on one footing."),
    ),
    explanation=(
        "Both methods trade a little bias for less variance, which pays off with many signals "
        "and few rows. Ridge has a closed form, (XᵀX + λI)w = Xᵀy on centred columns "
        "(so that the intercept is not penalised), which is solvable even with duplicated "
        "columns. Lasso has no closed form and is fitted by "
        "coordinate descent, whose soft threshold sets weak coefficients exactly to zero. In "
        "both, the features are standardized so the penalty treats them alike, the intercept "
        "is left out, and λ is chosen on data the fit did not see."
    ),
)

LASSO_THRESHOLD = Question(
    id="lasso-threshold",
    kind="single",
    prompt=(
        "Coordinate descent for the lasso, with standardized columns, reaches signal "
        "\\( j \\). What the other coefficients leave unexplained gives "
        "\\( \\rho_j = 0.15 \\), and the penalty is \\( \\alpha = 0.2 \\). What does the "
        "update set \\( w_j \\) to?"
    ),
    choices=(
        Choice("exactly-zero", "Exactly 0: the signal explains less than the price α, so the "
               "soft threshold switches it off", correct=True,
               why="S(ρ, α) = sign(ρ) max(|ρ| − α, 0) = max(0.15 − 0.2, 0) = 0."),
        Choice("negative", "−0.05, that is ρ − α",
               why="The soft threshold never flips a sign: when |ρ| < α the result is 0, "
                   "not ρ − α."),
        Choice("ridge-like", "0.125, that is ρ / (1 + α): every coefficient is shrunk by "
               "the same factor",
               why="That proportional shrinking is ridge's behaviour. The lasso subtracts α "
                   "from |ρ| and stops at zero."),
        Choice("unchanged", "0.15: the lasso only shrinks coefficients that are large",
               why="It is the other way round: the L1 price is the same per unit at every "
                   "size, so small coefficients are the ones that go to zero."),
    ),
    explanation=(
        "For one standardized coordinate the lasso's exact minimizer is the soft threshold "
        "S(ρ, α) = sign(ρ) max(|ρ| − α, 0). A signal whose remaining covariance with y is "
        "smaller than α does not pay its L1 price and is set to exactly zero; a larger one is "
        "moved towards zero by α. That is why the lasso selects features and ridge, whose "
        "update only scales, does not. Which signals survive depends on ρ, not on the true "
        "size of the effect: on the regularization page, signal 3 (true −0.9) is dropped "
        "before signal 12 (true 0.5) because, through the shared factor, little of y is left "
        "for it to explain once the others are in: its ρ is small."
    ),
)

ADAM_CORRECTION = Question(
    id="adam-first-step",
    kind="multiple",
    prompt=(
        "A colleague's Adam starts from \\( m = v = 0 \\) with \\( \\beta_1 = 0.9 \\), "
        "\\( \\beta_2 = 0.999 \\), and **forgets the bias correction**: it moves each weight by "
        "\\( \\eta\\, m / \\sqrt{v} \\) (ignore \\( \\epsilon \\)). On the first step, one "
        "weight's gradient is 0.5 and another's is 0.0005. Select every true statement."
    ),
    choices=(
        Choice("same-size", "Both weights move by the same amount, about 3.16 η",
               correct=True,
               why="m / √v = (1 − β1) g / √((1 − β2) g²) = 0.1 / √0.001 ≈ 3.16, "
                   "whatever g is."),
        Choice("fixed-first-step", "With the bias correction, both would move by exactly η on "
               "the first step", correct=True,
               why="The corrected averages are g and g², so the step is η g / |g| = η."),
        Choice("beta2-099", "With β2 = 0.99 instead, the uncorrected first step would happen "
               "to be exactly η", correct=True,
               why="0.1 / √0.01 = 1: the two biases cancel for that pair of settings, and "
                   "only for the first step."),
        Choice("proportional", "The first weight moves a thousand times further, because its "
               "gradient is a thousand times larger",
               why="That is plain gradient descent. Adam divides by the root of the squared "
                   "gradient, so the scale of g cancels."),
        Choice("too-small", "Without correction the first step is too small, since both "
               "averages start at zero",
               why="Both start too small, but v, which forgets more slowly, is shrunk far "
                   "more than m, and it sits under a square root in the denominator: the "
                   "step comes out too large."),
    ),
    explanation=(
        "After one step m = (1 − β1) g and v = (1 − β2) g², so the uncorrected ratio is "
        "(1 − β1) / √(1 − β2) ≈ 3.16 for every weight, independent of the gradient's size. "
        "Adam's steps are scale-free by design; the zero start makes the first ones over three "
        "times too large, just when the averages rest on a single gradient. Dividing m by "
        "1 − β1^t and v by 1 − β2^t removes exactly that bias, and the first step is η."
    ),
)

WARMUP = Question(
    id="warmup",
    kind="single",
    prompt=(
        "Two runs fine-tune DistilBERT for the eight intents with AdamW, bias correction "
        "included, a peak learning rate of \\( 2 \\times 10^{-5} \\) and linear decay to 0 at "
        "step 10,000. Run A starts at the peak; run B warms up over 500 steps. Run A's training "
        "loss jumps in its first hundred steps and it ends with lower validation accuracy; "
        "run B's does not. Which explanation fits best?"
    ),
    choices=(
        Choice("protect-weights", "At the start the new classifier head is random and Adam's "
               "averages rest on a handful of gradients, so A's full-size first updates push "
               "the pretrained weights away from what made them useful; B's small early steps "
               "let the head and the averages settle first", correct=True,
               why="The first updates are the least reliable ones, and run A makes them at "
                   "full size."),
        Choice("is-bias-fix", "Run A lacks bias correction, and warmup is what supplies it",
               why="Both runs have bias correction. It rescales m and v to undo their zero "
                   "start; warmup scales the learning rate itself. Fine-tuning uses both."),
        Choice("speed", "Run A takes larger steps on average, so it simply overfits sooner",
               why="Over 10,000 steps the two schedules differ only in the first 500, where B "
                   "is smaller; the damage happens early, at the jump, not late."),
        Choice("regularise", "Warmup is a form of weight decay, and run A has less of it",
               why="Weight decay is a separate setting (weight_decay=0.01 in AdamW). Warmup "
                   "changes the step size over time, not the loss or the decay."),
    ),
    explanation=(
        "A schedule of linear warmup then linear decay keeps the first and the last updates "
        "small. Early on, the averages inside Adam are noisy and the new head is random, so "
        "its gradients, pushed back into the encoder, point in poor directions; at full size "
        "those steps can undo what pretraining learned. Late in training, small refinements "
        "beat large jumps. Bias correction and weight decay solve other problems and are used "
        "alongside the schedule."
    ),
)

DIAGNOSTICS = Question(
    id="vif-heteroscedasticity",
    kind="multiple",
    prompt=(
        "A session-revenue regression uses turns, recommendations shown, Prime and add-to-cart "
        "clicks. Two predictors have VIFs of 9.5 and 9.8, and the residuals fan out as the "
        "fitted revenue grows. Select every true statement."
    ),
    choices=(
        Choice("vif-meaning", "A VIF of 9.8 means that the other predictors explain about 90% "
               "of that predictor's variance (R² ≈ 0.9)", correct=True,
               why="VIF = 1 / (1 − R²), so R² = 1 − 1/9.8 ≈ 0.90."),
        Choice("collinear-se", "The collinearity inflates the standard errors of those two "
               "coefficients, even if the model's predictions stay good", correct=True,
               why="Nearly redundant columns make each separate weight hard to pin down, while "
                   "their combined effect, and so the predictions, can still be estimated well."),
        Choice("robust-se", "The fan shape calls for heteroscedasticity-robust (HC3) standard "
               "errors, or for modelling a transformed revenue", correct=True,
               why="With a spread that changes with the fit, the classical standard errors are "
                   "wrong; HC3 estimates them from each row's own residual."),
        Choice("biased-coefficients", "The fan shape means the least-squares coefficients are "
               "biased and must be recomputed",
               why="Heteroscedasticity leaves the coefficients unbiased; it is their classical "
                   "standard errors, and so the p-values, that go wrong."),
        Choice("hc3-changes-beta", "Switching to HC3 changes the coefficient estimates",
               why="HC3 changes only the standard errors; the coefficients are the same least-"
                   "squares ones."),
    ),
    explanation=(
        "Each assumption has its own check and its own failure. Collinearity, measured by the "
        "VIF, blurs individual coefficients and inflates their uncertainty without harming "
        "predictions. Heteroscedasticity, seen as a fan in the residuals against fitted "
        "values, leaves the coefficients unbiased but breaks the classical standard errors, "
        "which robust estimators such as HC3 repair. Revenue is a classic case, because its "
        "spread grows with its size."
    ),
)

ODDS_RATIO = Question(
    id="odds-ratio",
    kind="number",
    prompt=(
        "A click model for recommendations is \\( P(\\text{click}) = \\sigma(\\beta_0 + "
        "\\beta_{\\text{sim}} x_{\\text{sim}} + 0.7\\, x_{\\text{prime}}) \\), where "
        "\\( x_{\\text{prime}} \\) is 1 for Prime items and 0 otherwise. A title that does not "
        "ship with Prime has a click probability of **0.10** for some shopper. What is the click "
        "probability of the same title for the same shopper if it ships with Prime? Give three "
        "decimals."
    ),
    answer=0.183,
    tolerance=0.002,
    slips=(
        (0.201, "0.201 multiplies the probability by exp(0.7). The model multiplies the odds "
                "p / (1 − p); convert 0.10 to odds first."),
        (0.8, "0.7 is added to the log-odds, not to the probability."),
        (0.668, "0.668 is σ(0.7), what the probability would be if β0 + β_sim x_sim were 0. "
                "Here the starting point is p = 0.10."),
        (2.014, "2.014 is the odds ratio exp(0.7). The question asks for the new probability."),
    ),
    explanation=(
        "Logistic regression is linear in the log-odds, so Prime adds 0.7 to log(p / (1 − p)) "
        "and multiplies the odds by exp(0.7) ≈ 2.014, whatever the other features are. From "
        "p = 0.10 the odds are 0.111; doubled they are 0.224, and p = 0.224 / 1.224 ≈ 0.183. "
        "The same coefficient moves p = 0.50 to about 0.67: the change in probability depends "
        "on where you start, which is why reports should give odds ratios, or probabilities at "
        "stated baselines, and never '0.7 more likely'."
    ),
)

QUIZ = Quiz(
    id="glm",
    title="Generalized linear models",
    questions=(
        SLOPE_SE,
        DRIFT_INTERVAL,
        DIAGNOSTICS,
        RETRY_FAMILY,
        GLM_TEMPLATE,
        SIGMOID_SNIPPET,
        CLIPPED_LOSS,
        ODDS_RATIO,
        POISSON_RATE,
        SOFTMAX_SNIPPET,
        RIDGE_LASSO,
        LASSO_THRESHOLD,
        ADAM_CORRECTION,
        WARMUP,
    ),
)
