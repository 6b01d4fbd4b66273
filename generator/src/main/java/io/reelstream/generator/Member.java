package io.reelstream.generator;

import io.reelstream.schemas.events.DeviceType;

import java.util.List;

/**
 * A generated member: the taste cluster planted for it, where it lives and what it watches on.
 *
 * @param userId member id
 * @param cluster planted taste cluster
 * @param country ISO country code
 * @param isp ISP name
 * @param asn ISP's autonomous system number
 * @param devices the member's devices, first is the favourite
 * @param profiles number of profiles (1..3)
 */
public record Member(
        String userId,
        int cluster,
        String country,
        String isp,
        int asn,
        List<DeviceType> devices,
        int profiles) {}
