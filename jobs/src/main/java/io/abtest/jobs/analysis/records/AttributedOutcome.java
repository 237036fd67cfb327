package io.abtest.jobs.analysis.records;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;

/**
 * An outcome joined to the served prediction of the same request within the experiment's attribution window:
 * the prediction says which experiment, variant and unit it counts for, the outcome what happened.
 */
public record AttributedOutcome(PredictionEvent prediction, OutcomeEvent outcome) {}
