package io.reelstream.generator;

import io.reelstream.schemas.events.DeviceType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The generated member base, each member planted in one taste cluster. */
public final class Members {

    static final List<String> COUNTRIES =
            List.of("US", "US", "US", "GB", "DE", "FR", "BR", "IN", "JP", "CA");

    private final List<Member> members;

    Members(GeneratorConfig config, SplittableRandom random) {
        List<Member> all = new ArrayList<>(config.users());
        DeviceType[] types = DeviceType.values();
        for (int i = 1; i <= config.users(); i++) {
            String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
            int ispIndex = 1 + random.nextInt(3);
            List<DeviceType> devices = new ArrayList<>();
            int deviceCount = 1 + random.nextInt(3);
            while (devices.size() < deviceCount) {
                DeviceType device = types[random.nextInt(types.length)];
                if (!devices.contains(device)) {
                    devices.add(device);
                }
            }
            all.add(
                    new Member(
                            String.format("u-%06d", i),
                            random.nextInt(config.clusters()),
                            country,
                            "isp-" + country.toLowerCase(java.util.Locale.ROOT) + "-" + ispIndex,
                            64_500 + COUNTRIES.indexOf(country) * 10 + ispIndex,
                            List.copyOf(devices),
                            1 + random.nextInt(3)));
        }
        members = List.copyOf(all);
    }

    public List<Member> all() {
        return members;
    }

    public Member get(int index) {
        return members.get(index);
    }

    /** The planted taste cluster of a member; {@code userId} as generated ({@code u-000001}). */
    public int clusterOfUser(String userId) {
        return members.get(Integer.parseInt(userId.substring(2)) - 1).cluster();
    }

    public int size() {
        return members.size();
    }
}
