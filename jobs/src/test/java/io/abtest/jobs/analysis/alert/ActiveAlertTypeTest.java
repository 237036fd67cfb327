package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ActiveAlertTypeTest {

    @Test
    void theNotifierStateIsAPojoOfPojosWithoutKryo() throws Exception {
        assertInstanceOf(PojoTypeInfo.class, ActiveAlert.TYPE);
        PojoTypeInfo<ActiveAlert> type = (PojoTypeInfo<ActiveAlert>) ActiveAlert.TYPE;
        assertInstanceOf(PojoTypeInfo.class, type.getTypeAt("incident"));

        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        TypeSerializer<ActiveAlert> serializer = ActiveAlert.TYPE.createSerializer(noKryo);

        ActiveAlert alert = new ActiveAlert(Incidents.latencyResolved(), 17, 3, 2, 11, 19);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(alert, out);
        assertEquals(alert, serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
    }
}
