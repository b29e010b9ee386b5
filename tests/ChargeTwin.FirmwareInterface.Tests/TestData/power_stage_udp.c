/*
 * A minimal power-stage MCU stand-in for the cross-process test: its own process, written against the
 * generated chargetwin.h only. It receives CAN frames as 16-byte struct can_frame datagrams on UDP,
 * checks each PS_Setpoint with ct_ps_setpoint_check, and answers with a PS_Status that reports the
 * setpoint's current and voltage limits as its output, flags an invalid setpoint, and counts frames.
 * Usage: power_stage_udp <listen-port> <reply-port> <frames>; prints "ready" once listening.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "chargetwin.h"

int main(int argc, char **argv)
{
    if (argc != 4) { fprintf(stderr, "usage: %s listen-port reply-port frames\n", argv[0]); return 2; }
    int frames = atoi(argv[3]);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in me, peer;
    memset(&me, 0, sizeof me);
    me.sin_family = AF_INET;
    me.sin_port = htons((uint16_t)atoi(argv[1]));
    me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&me, sizeof me) != 0) { perror("bind"); return 2; }
    peer = me;
    peer.sin_port = htons((uint16_t)atoi(argv[2]));
    printf("ready\n");
    fflush(stdout);

    int valid = 0, invalid = 0, answered = 0;
    uint8_t counter = 0;
    ct_ps_setpoint_t last = {0};
    while (answered < frames) {
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, 5000) <= 0) { fprintf(stderr, "no frame for 5 s\n"); return 3; }
        uint8_t in[16];
        if (recv(fd, in, sizeof in, 0) != 16) { continue; }
        uint32_t id = (uint32_t)in[0] | ((uint32_t)in[1] << 8) | ((uint32_t)in[2] << 16) | ((uint32_t)in[3] << 24);
        if (id != CT_PS_SETPOINT_ID || in[4] != CT_PS_SETPOINT_DLC) { continue; }

        const uint8_t *data = in + 8;
        int ok = ct_ps_setpoint_check(data);
        if (ok) { ct_ps_setpoint_unpack(&last, data); valid++; } else { invalid++; }

        ct_ps_status_t st;
        memset(&st, 0, sizeof st);
        st.st_outputcurrent = last.sp_enable ? last.sp_currentlimit : 0;
        st.st_outputvoltage = last.sp_voltagelimit;
        st.st_state = last.sp_enable ? CT_PS_STATUS_ST_STATE_CONSTANTCURRENT : CT_PS_STATUS_ST_STATE_STANDBY;
        st.st_faultsetpointinvalid = ok ? 0 : 1;
        st.st_heatsinktemperature = ct_ps_status_st_heatsinktemperature_encode(35.0);

        uint8_t out[16];
        memset(out, 0, sizeof out);
        out[0] = (uint8_t)(CT_PS_STATUS_ID & 0xFFu);
        out[1] = (uint8_t)(CT_PS_STATUS_ID >> 8);
        out[4] = CT_PS_STATUS_DLC;
        ct_ps_status_pack_protected(out + 8, &st, counter);
        counter = (uint8_t)((counter + 1u) % CT_E2E_COUNTER_MODULO);
        sendto(fd, out, sizeof out, 0, (struct sockaddr *)&peer, sizeof peer);
        answered++;
    }

    printf("valid=%d invalid=%d\n", valid, invalid);
    close(fd);
    return 0;
}
