package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Flink type information of the records the incident operators pass and keep. Java records are POJO types since
 * Flink 1.19 (FLINK-32380: serialized field by field, built through the canonical constructor, nullable fields
 * allowed); {@link Types#POJO} fails when a class is not one, so a change that would fall back to Kryo fails here, at
 * graph building, instead of at the first checkpoint restore.
 */
public final class GuardrailTypes {

    public static final TypeInformation<GuardrailJudgment> JUDGMENT = Types.POJO(GuardrailJudgment.class);
    public static final TypeInformation<IncidentSignal> SIGNAL = Types.POJO(IncidentSignal.class);
    public static final TypeInformation<GuardrailRow> ROW = Types.POJO(GuardrailRow.class);
    public static final TypeInformation<GuardrailIncident> INCIDENT = Types.POJO(GuardrailIncident.class);

    private GuardrailTypes() {}
}
