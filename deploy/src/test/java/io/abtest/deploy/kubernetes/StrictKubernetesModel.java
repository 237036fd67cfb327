package io.abtest.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Core Kubernetes resources read into fabric8's model of the Kubernetes API (kubernetes-model 7.1, API 1.32): a field
 * of the wrong type fails (numbers, booleans and objects are not taken from strings), and a field the API does not
 * have, which fabric8 keeps aside in {@code additionalProperties} instead of failing, is reported with its path.
 * Enumerated values (e.g. a CronJob's concurrencyPolicy) are plain strings there: the API server checks them, this
 * does not.
 */
final class StrictKubernetesModel {

    private static final Map<String, Class<?>> TYPES = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "batch/v1/CronJob", CronJob.class,
            "rbac.authorization.k8s.io/v1/Role", Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.POJO, LogicalType.Map, LogicalType.Collection)) {
            MAPPER.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
    }

    private StrictKubernetesModel() {}

    static boolean covers(Manifest manifest) {
        return TYPES.containsKey(manifest.apiVersion() + "/" + manifest.kind());
    }

    static List<String> violations(Manifest manifest) {
        Class<?> type = TYPES.get(manifest.apiVersion() + "/" + manifest.kind());
        if (type == null) {
            return List.of("no model of " + manifest.apiVersion() + " " + manifest.kind());
        }
        return violations(manifest.tree(), type);
    }

    /** Also for a part of a custom resource the CRD leaves open, e.g. its {@code metadata}. */
    static List<String> violations(com.fasterxml.jackson.databind.JsonNode tree, Class<?> type) {
        Object model;
        try {
            model = MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            return List.of(e.getOriginalMessage() + " at " + e.getLocation());
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(model, "$", unknown);
        return unknown.stream().map(path -> path + ": not a field of the Kubernetes API").toList();
    }

    static Class<?> objectMeta() {
        return ObjectMeta.class;
    }

    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                collectUnknownFields(child, path + "." + field, unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }
}
