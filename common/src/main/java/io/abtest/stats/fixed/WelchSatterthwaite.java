package io.abtest.stats.fixed;

/**
 * The Welch-Satterthwaite degrees of freedom of a sum of two independent variance estimates V_C and V_T with
 * nu_C and nu_T degrees of freedom (Satterthwaite 1946, Biometrics Bulletin 2:110-114):
 * <pre>
 *   df = (V_C + V_T)^2 / (V_C^2 / nu_C + V_T^2 / nu_T)
 * </pre>
 * computed with both variances divided by the larger one, which leaves the ratio unchanged and keeps the squares
 * within the double range for variances of any size. 0 when both variances are 0.
 */
final class WelchSatterthwaite {

    private WelchSatterthwaite() {}

    static double degreesOfFreedom(double controlVariance, double controlDf, double treatmentVariance,
            double treatmentDf) {
        double largest = Math.max(controlVariance, treatmentVariance);
        if (!(largest > 0)) {
            return 0;
        }
        double c = controlVariance / largest;
        double t = treatmentVariance / largest;
        return (c + t) * (c + t) / (c * c / controlDf + t * t / treatmentDf);
    }
}
