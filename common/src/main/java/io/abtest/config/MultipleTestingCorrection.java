package io.abtest.config;

/** How p-values are adjusted over the family of (treatment variant x metric x segment) tests. */
public enum MultipleTestingCorrection { NONE, BONFERRONI, HOLM, BENJAMINI_HOCHBERG }
