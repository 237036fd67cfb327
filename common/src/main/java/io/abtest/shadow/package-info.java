/**
 * Shadow deployment for serving code: {@link io.abtest.shadow.ShadowRunner} serves the champion model and
 * runs a challenger on a deterministic sample of the same requests, off the caller's thread, recording both
 * predictions as {@code ab.predictions} events (CONTRACT.md section 1) that the analysis jobs compare.
 */
package io.abtest.shadow;
