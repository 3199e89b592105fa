"""Quiz ``glm``: ten questions that close chapter two, generalized linear models.

Prompts are Markdown (rendered into the page at build time); choices, explanations and the
``why`` of each choice are plain text, because the page writes them with ``textContent`` once
the quiz is scored. The questions ask the learner to reason with the chapter's models, not to
recall its sentences.
"""

from __future__ import annotations

from grader.quiz import Choice, Question, Quiz

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
        "A saturated model outputs \\( p = 0 \\) for a conversation that **was** escalated "
        "(\\( y = 1 \\)). The log-loss clips probabilities into \\( [\\varepsilon, "
        "1 - \\varepsilon] \\) with \\( \\varepsilon = 10^{-7} \\) and uses the natural "
        "logarithm. How many nats does this one row add to the sum of the losses? Give two "
        "decimals."
    ),
    answer=16.12,
    tolerance=0.01,
    unit="nats",
    slips=(
        (7.0, "7 is −log10(1e−7). The log-loss uses the natural logarithm: "
              "−ln(1e−7) = 7 × ln(10)."),
        (0.0, "The row is confidently wrong, so it costs the most, not nothing: after clipping "
              "its probability is 1e−7, and −ln(1e−7) is large."),
    ),
    explanation=(
        "For y = 1 the row's loss is −ln(p). Unclipped, p = 0 would give "
        "−ln(0) = +inf and the mean loss would be infinite (and 0 × ln(0) on any "
        "y = 0 row would be NaN). Clipping raises p to 1e−7, so the row costs "
        "−ln(1e−7) = 7 ln(10) ≈ 16.12 nats. That is the most any row can cost: "
        "clipping caps the penalty, which keeps the loss finite but understates how wrong a "
        "saturated model is. Computing the loss from the logits avoids both problems."
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
                   "depends on its signal's units; without standardizing, signals in small units "
                   "are penalised more."),
    ),
    explanation=(
        "Both methods trade a little bias for less variance, which pays off with many signals "
        "and few rows. Ridge has a closed form, (XᵀX + λD)w = Xᵀy, which is "
        "solvable even with duplicated columns. Lasso has no closed form and is fitted by "
        "coordinate descent, whose soft threshold sets weak coefficients exactly to zero. In "
        "both, the features are standardized so the penalty treats them alike, the intercept "
        "is left out, and λ is chosen on data the fit did not see."
    ),
)

ADAM_CORRECTION = Question(
    id="adam-first-step",
    kind="number",
    prompt=(
        "Adam starts with \\( m = v = 0 \\), \\( \\beta_1 = 0.9 \\), \\( \\beta_2 = 0.999 \\), "
        "and ignore \\( \\epsilon \\). At the first step a weight's gradient is \\( g = 0.5 \\). "
        "If you **forgot** the bias correction and moved the weight by "
        "\\( \\eta\\, m / \\sqrt{v} \\), how many times the learning rate \\( \\eta \\) would it "
        "move? Give two decimals."
    ),
    answer=3.16,
    tolerance=0.01,
    slips=(
        (1.0, "1 is the corrected step: with bias correction the first step is exactly lr. "
              "The question asks about the uncorrected one."),
        (0.5, "0.5 is the gradient itself. Compute m and v after one step first."),
        (0.1, "0.1 is (1 − β1) alone; v shrinks too, by (1 − β2), and the "
              "step divides by its square root."),
    ),
    explanation=(
        "After one step m = 0.1 × 0.5 = 0.05 and v = 0.001 × 0.25 = 0.00025, so "
        "m / √v = 0.05 / 0.0158 ≈ 3.16, the same for any g: it is "
        "(1 − β1) / √(1 − β2) = 0.1 / 0.0316. Both averages start "
        "too small, but v far more than m, so the uncorrected step is over three times too "
        "large just when the averages know least. Dividing m by 1 − β1^t and v by "
        "1 − β2^t makes the first step exactly lr."
    ),
)

WARMUP = Question(
    id="warmup",
    kind="single",
    prompt=(
        "Fine-tuning DistilBERT for intents uses AdamW with a peak learning rate of "
        "\\( 2 \\times 10^{-5} \\), 500 warmup steps and linear decay to 0 at step 10,000. "
        "Why the warmup?"
    ),
    choices=(
        Choice("protect-weights", "In the first steps the classifier head is still random and "
               "Adam's averages rest on a handful of gradients, so full-size updates could "
               "wreck the pretrained weights; growing the rate from 0 lets the estimates "
               "settle first", correct=True,
               why="The early updates are the least reliable ones, so they are kept small."),
        Choice("is-bias-fix", "Warmup is what Adam's bias correction does: the two are "
               "the same mechanism",
               why="Bias correction rescales m and v to undo their zero start; warmup scales "
                   "the learning rate itself. Fine-tuning uses both."),
        Choice("speed", "Warmup makes training reach a lower loss in fewer steps by starting "
               "with larger steps",
               why="Warmup starts with smaller steps, not larger ones: the rate grows from 0 to "
                   "its peak."),
        Choice("regularise", "Warmup is a form of weight decay that keeps the weights close "
               "to zero",
               why="Weight decay is a separate setting (weight_decay=0.01 in AdamW). Warmup "
                   "changes the step size over time, not the loss."),
    ),
    explanation=(
        "A schedule of linear warmup then linear decay keeps the first and the last updates "
        "small. At step 250 the rate is 1e−5, half its peak; it reaches 2e−5 at step "
        "500 and falls back to 0 at step 10,000. Early on the averages inside Adam are noisy "
        "and the new head is random, and late in training small refinements beat large jumps. "
        "Bias correction and weight decay solve other problems and are used alongside it."
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
        "\\( x_{\\text{prime}} \\) is 1 for Prime items and 0 otherwise. Holding the other "
        "features fixed, by what factor does a Prime item multiply the **odds** of a click? "
        "Give two decimals."
    ),
    answer=2.01,
    tolerance=0.01,
    slips=(
        (0.7, "0.7 is the change in the log-odds. The odds themselves are multiplied by "
              "exp(0.7)."),
        (1.01, "1.01 is exp(0.7) − 1, the relative increase (+101%). The factor the odds "
               "are multiplied by is exp(0.7)."),
        (0.67, "0.67 is σ(0.7), a probability. The question asks for the factor on the "
               "odds p / (1 − p), which is exp(0.7)."),
    ),
    explanation=(
        "Logistic regression is linear in the log-odds, so a coefficient of 0.7 adds 0.7 to "
        "log(p / (1 − p)) and multiplies the odds by exp(0.7) ≈ 2.01, whatever the "
        "other features are. What happens to the probability depends on where you start: from "
        "p = 0.10 (odds 0.111) the odds become 0.224 and p about 0.18, while from p = 0.50 it "
        "rises to about 0.67. Report odds ratios, or probabilities at stated baselines, not "
        "'0.7 more likely'."
    ),
)

QUIZ = Quiz(
    id="glm",
    title="Generalized linear models",
    questions=(
        RETRY_FAMILY,
        GLM_TEMPLATE,
        SIGMOID_SNIPPET,
        CLIPPED_LOSS,
        SOFTMAX_SNIPPET,
        RIDGE_LASSO,
        ADAM_CORRECTION,
        WARMUP,
        DIAGNOSTICS,
        ODDS_RATIO,
    ),
)
