package io.abtest.shadow;

import java.util.Map;

/**
 * The request fields both events of a request share.
 *
 * @param eventTime epoch milliseconds at which {@code predict} was called; the champion's and the
 *     challenger's events carry the same time so they fall in the same event-time window
 */
record ShadowRequest(String unitId, String requestId, Map<String, String> attributes, long eventTime) {
}
