package io.abtest.control;

/** The {@code state} of a routing control record (CONTRACT.md section 4). */
public enum ControlState { RUNNING, STOPPED, ROLLED_OUT }
